"""Administration: roster import, batches, trainers, people, manager scopes and the audit page.
The rules are in modules/admin.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from modules.db import Connection
from modules.stores.errors import RosterChanged
from modules.timestamps import stamp, utcnow


class AdministrationMixin:
    """What admins manage (mixed into Store)."""

    # ------------------------------------------------------------ administration (rules in modules/admin.py)
    # Roster import, batches, trainers, manager scopes, people and the audit page (activation codes and
    # password resets: stores/accounts.py).

    _SNAPSHOT_CHUNK = 900  # stays well under SQLite's limit on bound parameters

    @classmethod
    def _people_snapshot(cls, conn: Connection, nips: list[str]) -> dict[str, dict[str, Any]]:
        """NIP → the person's roster-relevant fields, their batch's name and the batches they train."""
        found: dict[str, dict[str, Any]] = {}
        columns = ("id", "nip", "name", "email", "role", "agency", "unit", "region", "active", "batch",
                   "self_registered", "certificate")
        for start in range(0, len(nips), cls._SNAPSHOT_CHUNK):
            chunk = nips[start:start + cls._SNAPSHOT_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                    f"""SELECT u.id, u.nip, u.name, u.email, u.role, u.agency, u.unit, u.region, u.active,
                        b.name, u.self_registered,
                        (SELECT c.code FROM certificates c WHERE c.user_id = u.id AND c.revoked_at IS NULL)
                        FROM users u LEFT JOIN batches b ON b.id = u.batch_id
                        WHERE u.nip IN ({marks})""", chunk):
                found[row[1]] = dict(zip(columns, row, strict=True)) | {"trained_batches": []}
            for nip, batch in conn.execute(
                    f"""SELECT u.nip, b.name FROM batch_trainers bt JOIN users u ON u.id = bt.user_id
                        JOIN batches b ON b.id = bt.batch_id WHERE u.nip IN ({marks}) ORDER BY b.name""", chunk):
                found[nip]["trained_batches"].append(batch)
        return found

    def people_by_nip(self, nips: list[str]) -> dict[str, dict[str, Any]]:
        """What a roster import compares against: see `_people_snapshot`."""
        return self._people_snapshot(self.db, nips)

    def apply_roster(self, *, creates: list[dict[str, Any]], updates: list[dict[str, Any]],
                     new_batches: list[str], expected: dict[str, dict[str, Any] | None],
                     codes_expire_at: dt.datetime, actor_id: int | None, source: str) -> dict[str, int]:
        """Import a previewed roster in one transaction: all of it or nothing.

        creates: nip, nip_kind, name, email, role, agency, unit, region, batch (name), code_hash.
        updates: id, nip, name, email, role, agency, unit, region, batch (name, sets batch_id),
        train_batch (name, a trainer's batch), changes (text for the audit log).
        expected: NIP → the snapshot the preview was made from (None for a new person); if the
        database no longer matches it, RosterChanged is raised and nothing is written.
        """
        now = utcnow()
        with self.write() as conn:
            current = self._people_snapshot(conn, list(expected))
            for nip, before in expected.items():
                if current.get(nip) != before:
                    raise RosterChanged(nip)
            for name in new_batches:
                if conn.execute("INSERT INTO batches (name) VALUES (?) ON CONFLICT DO NOTHING", (name,)).rowcount:
                    self._audit(conn, actor_id, "batch_created", name, source)
            batch_ids = {name: batch_id for batch_id, name in conn.execute("SELECT id, name FROM batches")}
            audit_rows: list[tuple[Any, ...]] = []
            codes: list[tuple[Any, ...]] = []
            trainer_links: list[tuple[int, int]] = []
            at = stamp(now)
            for person in creates:
                trains = person["role"] == "trainer"
                batch_id = batch_ids[person["batch"]] if person["batch"] else None
                user_id = conn.execute(
                    """INSERT INTO users (nip, nip_kind, name, email, role, agency, unit, region, batch_id,
                       password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)
                       RETURNING id""",
                    (person["nip"], person["nip_kind"], person["name"], person["email"], person["role"],
                     person["agency"], person["unit"], person["region"], None if trains else batch_id, at),
                ).fetchone()[0]
                if trains and batch_id:
                    trainer_links.append((batch_id, user_id))
                codes.append((user_id, person["code_hash"], at, stamp(codes_expire_at), actor_id))
                audit_rows.append((at, actor_id, "user_created", person["nip"], f"{person['role']}; {source}"))
            for person in updates:
                batch_id = batch_ids[person["batch"]] if person["batch"] else None
                conn.execute(
                    """UPDATE users SET name = ?, email = ?, role = ?, agency = ?, unit = ?, region = ?,
                       batch_id = COALESCE(?, batch_id) WHERE id = ?""",
                    (person["name"], person["email"], person["role"], person["agency"], person["unit"],
                     person["region"], batch_id, person["id"]))
                if person["train_batch"]:
                    trainer_links.append((batch_ids[person["train_batch"]], person["id"]))
                if person.get("claim_code_hash"):
                    self._hand_over_self_registered(conn, person, at, stamp(codes_expire_at), actor_id, source)
                    codes.append((person["id"], person["claim_code_hash"], at, stamp(codes_expire_at), actor_id))
                    continue
                audit_rows.append((at, actor_id, "user_updated", person["nip"], person["changes"]))
            conn.executemany("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                             trainer_links)
            conn.executemany(
                """INSERT INTO activation_codes (user_id, code_hash, issued_at, expires_at, issued_by)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET code_hash = excluded.code_hash,
                   issued_at = excluded.issued_at, expires_at = excluded.expires_at,
                   issued_by = excluded.issued_by""", codes)
            conn.executemany("INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                             audit_rows)
            claimed = sum(1 for person in updates if person.get("claim_code_hash"))
            summary = {"created": len(creates), "updated": len(updates) - claimed, "batches": len(new_batches)}
            if claimed:
                summary["claimed"] = claimed
            self._audit(conn, actor_id, "roster_imported", source,
                        ", ".join(f"{key} {value}" for key, value in summary.items()))
        return summary

    def _hand_over_self_registered(self, conn: Connection, person: dict[str, Any], at: str,
                                   expires_at: str, actor_id: int | None, source: str) -> None:
        """A roster names the owner of a self-registered NIP: whoever registered it loses the account.

        Its password, sessions and pending sign-ins stop working, a certificate issued to it is
        revoked (it was earned before anyone confirmed who studied), and the roster's person gets
        an activation code (inserted by the caller). Learning records stay with the account.
        """
        conn.execute("UPDATE users SET password_hash = NULL, self_registered = 0 WHERE id = ?", (person["id"],))
        conn.execute("DELETE FROM sessions WHERE user_id = ?", (person["id"],))
        conn.execute("DELETE FROM signin_codes WHERE user_id = ?", (person["id"],))
        revoked = conn.execute(
            """UPDATE certificates SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL
               RETURNING code""", (at, person["revoke_reason"], person["id"])).fetchone()
        if revoked:
            self._audit(conn, actor_id, "certificate_revoked", revoked[0], person["revoke_reason"])
        self._audit(conn, actor_id, "self_registration_claimed", person["nip"],
                    f"{person['changes'] or '–'}; {source}; until {expires_at}")

    # batches and trainers

    def batches(self) -> list[dict[str, Any]]:
        """Every batch with its learner count and its trainers' names, by start date then name."""
        return self._rows(
            """SELECT b.id, b.name, b.starts_on, b.ends_on,
                      (SELECT count(*) FROM users u WHERE u.batch_id = b.id AND u.role = 'learner') AS learners,
                      (SELECT {trainers} FROM batch_trainers bt JOIN users u ON u.id = bt.user_id
                       WHERE bt.batch_id = b.id) AS trainers
               FROM batches b ORDER BY b.starts_on IS NULL, b.starts_on, b.name""".format(
                trainers=self.db.dialect.string_agg("u.name", "', '")))

    def batch_names(self) -> list[str]:
        return [row["name"] for row in self._rows("SELECT name FROM batches ORDER BY name")]

    def save_batch(self, *, batch_id: int | None, name: str, starts_on: str | None, ends_on: str | None,
                   actor_id: int) -> int | None:
        """Create (batch_id None) or edit a batch; None, changing nothing, if another batch has the name."""
        with self.write() as conn:
            taken = conn.execute("SELECT id FROM batches WHERE lower(name) = lower(?) AND id IS DISTINCT FROM ?",
                                 (name, batch_id)).fetchone()
            if taken:
                return None
            detail = f"{starts_on or '–'} – {ends_on or '–'}"
            if batch_id is None:
                batch_id = conn.execute("INSERT INTO batches (name, starts_on, ends_on) VALUES (?, ?, ?) RETURNING id",
                                        (name, starts_on, ends_on)).fetchone()[0]
                self._audit(conn, actor_id, "batch_created", name, detail)
            else:
                old = conn.execute("SELECT name FROM batches WHERE id = ?", (batch_id,)).fetchone()
                conn.execute("UPDATE batches SET name = ?, starts_on = ?, ends_on = ? WHERE id = ?",
                             (name, starts_on, ends_on, batch_id))
                self._audit(conn, actor_id, "batch_updated", name,
                            detail if old[0] == name else f"{old[0]} → {name}; {detail}")
        return batch_id

    def batch_trainer_ids(self, batch_id: int) -> list[int]:
        return [row["user_id"] for row in
                self._rows("SELECT user_id FROM batch_trainers WHERE batch_id = ? ORDER BY user_id", (batch_id,))]

    def set_batch_trainers(self, batch_id: int, user_ids: list[int], actor_id: int) -> None:
        """Make exactly these people the batch's trainers; each one added or removed is audited."""
        with self.write() as conn:
            batch = conn.execute("SELECT name FROM batches WHERE id = ?", (batch_id,)).fetchone()[0]
            before = {row[0] for row in conn.execute("SELECT user_id FROM batch_trainers WHERE batch_id = ?",
                                                     (batch_id,))}
            after = set(user_ids)
            for user_id, action in [*((u, "trainer_assigned") for u in sorted(after - before)),
                                    *((u, "trainer_unassigned") for u in sorted(before - after))]:
                if action == "trainer_assigned":
                    conn.execute("INSERT INTO batch_trainers (batch_id, user_id) VALUES (?, ?)", (batch_id, user_id))
                else:
                    conn.execute("DELETE FROM batch_trainers WHERE batch_id = ? AND user_id = ?", (batch_id, user_id))
                nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
                self._audit(conn, actor_id, action, nip, batch)

    # people

    def find_people(self, *, text: str = "", role: str | None = None, batch_id: int | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
        """People whose NIP starts with, or whose name contains, `text`; with their access state."""
        where, params = ["1 = 1"], []
        if text:
            where.append("(u.nip LIKE ? OR lower(u.name) LIKE lower(?))")
            params += [text.replace(" ", "") + "%", f"%{text}%"]
        if role:
            where.append("u.role = ?")
            params.append(role)
        if batch_id is not None:
            where.append("(u.batch_id = ? OR u.id IN (SELECT user_id FROM batch_trainers WHERE batch_id = ?))")
            params += [batch_id, batch_id]
        return self._rows(
            f"""SELECT u.id, u.nip, u.name, u.email, u.role, u.agency, u.unit, u.region, u.active,
                       u.password_hash IS NOT NULL AS activated, b.name AS batch, c.expires_at AS code_expires_at
                FROM users u LEFT JOIN batches b ON b.id = u.batch_id
                LEFT JOIN activation_codes c ON c.user_id = u.id
                WHERE {' AND '.join(where)} ORDER BY u.name LIMIT ?""", (*params, limit))

    def people_with_role(self, role: str) -> list[dict[str, Any]]:
        return self._rows("SELECT id, nip, name, agency FROM users WHERE role = ? AND active = 1 ORDER BY name",
                          (role,))

    def not_yet_activated(self, batch_id: int) -> list[dict[str, Any]]:
        """Active people of a batch (learners in it, or its trainers) who have never set a password."""
        return self._rows(
            """SELECT id, nip, name, agency, unit FROM users
               WHERE active = 1 AND password_hash IS NULL
                 AND (batch_id = ? OR id IN (SELECT user_id FROM batch_trainers WHERE batch_id = ?))
               ORDER BY name""", (batch_id, batch_id))

    def set_user_active(self, user_id: int, active: bool, actor_id: int) -> None:
        """Deactivate (their sessions end; every record stays) or reactivate a person."""
        with self.write() as conn:
            nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
            conn.execute("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))
            if not active:
                conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            self._audit(conn, actor_id, "user_reactivated" if active else "user_deactivated", nip)

    def set_user_role(self, user_id: int, role: str, actor_id: int) -> None:
        """Change a role; a trainer's batches and a manager's scopes go when that role is left."""
        with self.write() as conn:
            nip, old = conn.execute("SELECT nip, role FROM users WHERE id = ?", (user_id,)).fetchone()
            if old == role:
                return
            conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))
            if old == "trainer":
                conn.execute("DELETE FROM batch_trainers WHERE user_id = ?", (user_id,))
            if old == "manager":
                conn.execute("DELETE FROM manager_scopes WHERE user_id = ?", (user_id,))
            self._audit(conn, actor_id, "role_changed", nip, f"{old} → {role}")

    def manager_scopes(self, user_id: int) -> list[tuple[str, str]]:
        return [(row["kind"], row["value"]) for row in
                self._rows("SELECT kind, value FROM manager_scopes WHERE user_id = ? ORDER BY kind, value",
                           (user_id,))]

    def set_manager_scopes(self, user_id: int, scopes: list[tuple[str, str]], actor_id: int) -> None:
        """Replace a manager's scope: ('all', ''), or ('agency'|'region', name) or ('batch', batch id)."""
        with self.write() as conn:
            nip = conn.execute("SELECT nip FROM users WHERE id = ?", (user_id,)).fetchone()[0]
            conn.execute("DELETE FROM manager_scopes WHERE user_id = ?", (user_id,))
            conn.executemany("INSERT INTO manager_scopes (user_id, kind, value) VALUES (?, ?, ?)",
                             [(user_id, kind, value) for kind, value in scopes])
            self._audit(conn, actor_id, "scope_set", nip,
                        "; ".join(f"{kind}: {value}" if value else kind for kind, value in scopes) or "–")

    def distinct_values(self, column: str) -> list[str]:
        """The agencies or regions people have, for choosing a manager's scope."""
        if column not in ("agency", "region"):
            raise ValueError(column)
        return [row["v"] for row in self._rows(
            f"SELECT DISTINCT {column} AS v FROM users WHERE {column} IS NOT NULL AND {column} != '' ORDER BY v")]

    def known_places(self, column: str) -> list[str]:
        """The agencies or regions of people an admin enrolled (rosters, accounts made by hand): the
        lists a self-registering person chooses from, so that "Kab Lebak" never stands beside "Kab. Lebak"."""
        if column not in ("agency", "region"):
            raise ValueError(column)
        return [row["v"] for row in self._rows(
            f"""SELECT DISTINCT {column} AS v FROM users
                WHERE self_registered = 0 AND {column} IS NOT NULL AND {column} != '' ORDER BY v""")]

    # audit page

    def audit_search(self, *, action: str | None = None, actor_id: int | None = None, since: str | None = None,
                     until: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """Audit entries, newest first, with the actor's name and NIP; `since`/`until` are UTC stamps."""
        where, params = ["1 = 1"], []
        for clause, value in (("a.action = ?", action), ("a.actor_id = ?", actor_id),
                              ("a.at >= ?", since), ("a.at < ?", until)):
            if value is not None:
                where.append(clause)
                params.append(value)
        return self._rows(
            f"""SELECT a.id, a.at, a.actor_id, u.name AS actor_name, u.nip AS actor_nip, a.action, a.target, a.detail
                FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
                WHERE {' AND '.join(where)} ORDER BY a.at DESC, a.id DESC LIMIT ?""", (*params, limit))

    def audit_actions(self) -> list[str]:
        return [row["action"] for row in self._rows("SELECT DISTINCT action FROM audit_log ORDER BY action")]

    def audit_actors(self) -> list[dict[str, Any]]:
        """The people who appear as actors in the log, with their role, by name."""
        return self._rows(
            """SELECT id, name, nip, role FROM users WHERE id IN (SELECT DISTINCT actor_id FROM audit_log)
               ORDER BY name""")
