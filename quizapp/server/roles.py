"""Which learners of this computer are signed in to a class server, read from the local
store's settings alone: the app asks this after every start, and it must not bring in
the server's connection code (psycopg, the sync batches) for a computer with no class."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.store import StoreQueries


def role_key(learner_id: int) -> str:
    return f"server.role.{int(learner_id)}"


def signed_in(store: StoreQueries) -> list[tuple[int, str]]:
    """(local learner id, server role) of every learner signed in on this computer."""
    out = []
    for learner in store.learners():
        role = store.get_setting(role_key(learner.id))
        if role:
            out.append((learner.id, role))
    return out


def teacher_addresses(store: StoreQueries) -> list[str]:
    """The class server addresses of the teachers signed in on this computer (the keys are
    server.sync's URL_KEY and KIND_KEY, read here without bringing in the sync)."""
    out = []
    for learner in store.learners():
        if store.get_setting(f"server.kind.{int(learner.id)}") == "teacher":
            url = store.get_setting(f"server.url.{int(learner.id)}")
            if url:
                out.append(url)
    return out
