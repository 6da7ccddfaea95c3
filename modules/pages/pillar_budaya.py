"""The pillar page of digital-culture: its lessons and its quiz."""

from modules.pages.pillar import show_pillar

show_pillar("digital-culture")
