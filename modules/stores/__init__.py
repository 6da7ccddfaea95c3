"""The store's methods by concern, mixed into `modules.store.Store`.

Each mixin uses what the Store core provides: `self.db` (this thread's connection), `self.write()`
(a write transaction), `self._rows` / `self._row` (reads as dicts) and `self._audit` (an audit entry
inside the caller's transaction). None of them imports modules.store.

- accounts: users, sign-in throttling and gates, sessions, sign-in codes, activation codes, password resets
- learning: lesson progress, quiz attempts, drafts, lesson visits, question use
- demo: the demo cohort (bulk loading and deleting) and `DemoLoader`
- certificates: certificates, their history, the verification throttle
- exports: the xAPI event streams
- administration: roster import, batches, trainers, people, manager scopes, the audit page
- evaluation: the course evaluation
"""
