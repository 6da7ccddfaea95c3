"""The store's own exceptions (raised by its mixins, re-exported by modules.store)."""


class DuplicateNip(Exception):
    """A user with this NIP already exists."""


class RosterChanged(Exception):
    """The database changed between a roster's preview and its import; nothing was imported."""
