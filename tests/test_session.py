"""Session state machines against an in-memory recorder that follows the Store
contract and checks that every answer is recorded before its grade is returned."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import AUTO_TALKS as BANK
from bank_samples import CARD, CLOZE, MC
from helpers import Clock

from quizapp.core.model import Bank, Flashcard
from quizapp.core.session import FlashcardSession, QuizSession, TimeUp, card_back, card_front


@dataclass
class Rec:
    uuid: str
    question_id: str
    response: object
    correct: bool
    credit: float
    seconds: float
    rating: int | None


class FakeStore:
    def __init__(self, due=(), seen=()):
        self.sessions = {}
        self.answers = []
        self.due = list(due)
        self.seen = set(seen)
        self.fail_next = False

    def suspended_questions(self, learner_id, bank_id):
        return {}  # none suspended (tests/test_suspended_cards.py has the store's)

    def data_version(self):
        return 0  # no other window writes to a fake store

    def note_questions(self, session_id, points, deadline=None):
        self.sessions[session_id]["deadline"] = deadline

    def start_session(self, learner_id, bank, mode):
        sid = len(self.sessions) + 1
        self.sessions[sid] = {
            "learner": learner_id,
            "bank": bank.id,
            "mode": mode,
            "score": None,
            "outcome": None,
            "recall": None,
        }
        return sid

    def record_answer(
        self,
        session_id,
        question,
        *,
        response,
        correct,
        credit,
        seconds,
        rating=None,
        now=None,
        shown=None,
        replaces=None,
        plan=None,  # Store.record_answer's signature; a fake store plans nothing
    ):
        if self.fail_next:
            self.fail_next = False
            raise OSError("disk full")
        assert self.sessions[session_id]["outcome"] is None, "answer after finish"
        rec = Rec(f"u{len(self.answers)}", question.id, response, correct, credit, seconds, rating)
        self.answers.append(rec)
        self.seen.add(question.id)
        if question.id in self.due:
            self.due.remove(question.id)
        return rec

    def finish_session(self, session_id, score, now=None, *, outcome="finished", recall=None):
        session = self.sessions[session_id]
        if session["outcome"] is None:
            session.update(score=score, outcome=outcome, recall=recall)

    def abandon_session(self, session_id, now=None):
        self.finish_session(session_id, None, now, outcome="abandoned")

    def due_question_ids(self, learner_id, bank, now=None):
        return list(self.due)

    def seen_question_ids(self, learner_id, bank):
        return set(self.seen)

    def seen_among(self, learner_id, bank_id, question_ids):
        return self.seen.intersection(question_ids)

    def count_due(self, learner_id, bank_id, now=None):
        return len(self.due)  # every card of the bank, current or not

    def stale_cards(self, learner_id, bank, due_after=None):
        return {}  # every card here is due: the session finds the stale ones in due_question_ids

    def next_due(self, learner_id, bank, question_ids=None):
        return datetime(2030, 1, 1, tzinfo=UTC)


def quiz(store=None, **kw):
    store = store or FakeStore()
    kw.setdefault("shuffle", False)
    kw.setdefault("clock", Clock())
    return store, QuizSession(store, 1, BANK, **kw)


def test_quiz_walks_every_question_and_records_first():
    clock = Clock()
    store, s = quiz(clock=clock)
    assert store.sessions[1]["mode"] == "quiz"
    assert (s.state, s.position, s.total, s.current) == ("asking", 1, 6, MC)
    clock.tick(4.5)
    g = s.submit(0)
    assert not g.correct and g.feedback == "He was Trade Representative."
    assert store.answers[-1].question_id == "mc"
    assert store.answers[-1].response == "Mickey Kantor"  # the text, not the index
    assert store.answers[-1].seconds == 4.5
    assert store.answers[-1].rating is None  # the store derives it
    assert s.state == "answered" and s.last_record is store.answers[-1]
    with pytest.raises(RuntimeError):
        s.submit(1)
    s.advance()
    clock.tick(2)
    responses = [True, "kantor", "60", 3, ["tokyo"]]
    for r in responses:
        assert s.submit(r).correct
        s.advance()
    assert s.state == "finished" and s.current is None and s.position == 6
    assert [a.seconds for a in store.answers] == [4.5, 2, 0, 0, 0, 0]
    assert store.answers[4].rating == 3  # a flashcard in a quiz keeps the learner's rating
    # points: mc 1 wrong, sa 2 right, others 1 right -> 6/7
    assert s.score == pytest.approx(6 / 7)
    assert store.sessions[1]["score"] == pytest.approx(6 / 7)
    assert s.mistakes == ["mc"]
    assert s.points == (6.0, 7.0)


def test_answer_is_recorded_before_the_grade_is_returned():
    store, s = quiz()
    store.fail_next = True
    with pytest.raises(OSError):
        s.submit(1)
    assert s.state == "asking" and s.results[0].grade is None  # nothing shown, nothing lost
    assert s.submit(1).correct
    assert len(store.answers) == 1


def test_selection_count_tags_and_seeded_shuffle():
    _, s = quiz(tags=["people"])
    assert [q.id for q in s.questions] == ["mc", "sa"]
    _, a = quiz(shuffle=True, seed=7)
    _, b = quiz(shuffle=True, seed=7)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    orders = {tuple(q.id for q in quiz(shuffle=True, seed=n)[1].questions) for n in range(10)}
    assert len(orders) > 1
    _, c = quiz(count=2)
    assert c.total == 2
    _, d = quiz(question_ids=["sa", "gone", "tf"])
    assert [q.id for q in d.questions] == ["sa", "tf"]
    with pytest.raises(ValueError, match="tag"):
        quiz(tags=["nope"])
    with pytest.raises(ValueError):
        quiz(count=0)
    with pytest.raises(ValueError):
        quiz(mode="speedrun")


def test_exam_holds_feedback_but_records_everything():
    store, s = quiz(mode="exam", question_ids=["mc", "tf"])
    assert s.feedback_held
    s.submit(0)
    s.advance()
    s.submit(True)
    assert len(store.answers) == 2
    s.advance()
    assert s.finished
    assert [r.correct for r in s.results] == [False, True]
    assert s.score == 0.5


def test_practice_repeats_wrong_questions_until_right():
    store, s = quiz(mode="practice", question_ids=["mc", "tf"])
    s.submit(0)  # wrong -> comes back
    s.advance()
    s.submit(True)
    s.advance()
    assert s.current is MC and s.total == 3 and s.position == 3
    s.submit(0)  # wrong again
    s.advance()
    assert s.current is MC
    assert s.submit(1).correct
    s.advance()
    assert s.finished
    assert [a.question_id for a in store.answers] == ["mc", "tf", "mc", "mc"]
    mc_result = s.results[0]
    assert mc_result.attempts == 3 and not mc_result.correct  # first attempt counts
    assert s.score == 0.5 and s.mistakes == ["mc"]


def test_review_my_mistakes_is_a_new_practice_session():
    store, s = quiz(question_ids=["mc", "tf", "sa"])
    s.submit(0)
    s.advance()
    s.submit(True)
    s.advance()
    s.abandon()  # sa never answered: counts as a mistake to review
    assert s.finished and s.abandoned and s.outcome == "abandoned"
    # Left halfway: the answers stay, but the session is no attempt (no score).
    assert store.sessions[1]["outcome"] == "abandoned" and store.sessions[1]["score"] is None
    assert [a.question_id for a in store.answers] == ["mc", "tf"]
    assert s.mistakes == ["mc", "sa"]
    review = s.review_session()
    assert review.mode == "review" and store.sessions[2]["mode"] == "review"
    assert sorted(q.id for q in review.questions) == ["mc", "sa"]
    _, perfect = quiz(question_ids=["tf"])
    perfect.submit(True)
    perfect.advance()
    with pytest.raises(ValueError):
        perfect.review_session()


def test_time_limit_finishes_and_unanswered_count_zero():
    clock = Clock()
    store, s = quiz(time_limit=60, clock=clock, question_ids=["mc", "tf", "sa"])
    assert s.time_left == 60
    clock.tick(20)
    s.submit(1)
    s.advance()
    assert s.time_left == 40
    clock.tick(41)
    assert s.time_left == 0
    assert s.finish_if_time_up()
    assert s.state == "finished" and s.timed_out and s.outcome == "timed_out"
    assert s.score == pytest.approx(1 / 4)
    # Timed out is scored like finished: the questions not reached count as wrong.
    assert store.sessions[1]["score"] == pytest.approx(1 / 4)
    assert store.sessions[1]["outcome"] == "timed_out"
    with pytest.raises(TimeUp):
        s.submit(True)
    assert len(store.answers) == 1
    with pytest.raises(ValueError):
        quiz(time_limit=0)


def test_garbage_responses_grade_wrong_and_are_recorded():
    store, s = quiz()
    for response in [None, "x", [1, 2], {"a": 1}, 99, float("nan")]:
        if s.finished:
            break
        g = s.submit(response)
        assert not g.correct and g.credit == 0
        s.advance()
    assert len(store.answers) == 6


def test_flashcards_due_first_then_new_and_again_comes_back():
    due_q = MC  # a quiz question that fell due is shown as a card
    store = FakeStore(due=["mc", "removed-question"], seen={"mc"})
    clock = Clock()
    fc = FlashcardSession(store, 1, BANK, clock=clock, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert store.sessions[1]["mode"] == "flashcards"
    assert [q.id for q in fc.due_cards] == ["mc"]
    assert [q.id for q in fc.new_cards] == ["card"]
    assert fc.current is due_q and not fc.flipped
    assert fc.front == MC.prompt and fc.back == "Ronald H. Brown"
    assert fc.due_count == 2 - 1  # "removed-question" is not in the bank
    fc.flip()
    assert fc.flipped
    clock.tick(3)
    g = fc.rate(1)
    assert not g.correct
    assert (store.answers[-1].rating, store.answers[-1].response, store.answers[-1].seconds) == (
        1,
        "Again",
        3,
    )
    assert fc.current is CARD and not fc.flipped and fc.new_count == 1
    fc.rate(4)
    assert fc.current is MC  # Again: back in the same session
    fc.rate(3)
    assert fc.finished and fc.current is None
    assert [a.rating for a in store.answers] == [1, 4, 3]
    # Flashcards are no score: recall is the share of cards first rated Good or Easy.
    assert fc.recall == 0.5  # first tries: mc Again, card Easy
    assert store.sessions[1]["score"] is None and store.sessions[1]["recall"] == 0.5
    assert store.sessions[1]["outcome"] == "finished" and fc.outcome == "finished"
    assert fc.next_due == datetime(2030, 1, 1, tzinfo=UTC)
    with pytest.raises(RuntimeError):
        fc.rate(3)


def test_flashcard_rating_must_be_1_to_4():
    store = FakeStore()
    fc = FlashcardSession(store, 1, BANK)
    for bad in (0, 5, True, "3"):
        with pytest.raises(ValueError):
            fc.rate(bad)
    assert store.answers == []


def test_empty_flashcard_session_is_not_recorded():
    store = FakeStore(seen={"card"})
    fc = FlashcardSession(store, 1, BANK)
    assert fc.finished and fc.session_id is None and store.sessions == {}


def test_new_limit():
    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back="b") for i in range(30))
    bank = Bank(id="many", title="t", questions=cards)
    assert FlashcardSession(FakeStore(), 1, bank).total == 20
    assert FlashcardSession(FakeStore(), 1, bank, new_limit=None).total == 30


def test_card_faces():
    assert card_front(CLOZE) == "Fill in\n\nTalks were held in _____."
    assert card_back(CLOZE) == "Tokyo\n\nParagraph 3."
    assert card_back(CARD) == "U.S. Trade Representative"


def test_due_is_checked_at_the_given_time():
    calls = []

    class Spy(FakeStore):
        def due_question_ids(self, learner_id, bank, now=None):
            calls.append(now)
            return []

    when = datetime(2026, 5, 1, tzinfo=UTC) + timedelta(days=3)
    FlashcardSession(Spy(), 1, BANK, now=when)
    assert calls == [when]


# --------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quizapp.core.grading import expected_response, grade  # noqa: E402
from quizapp.core.session_base import self_rated  # noqa: E402

responses = (
    st.none()
    | st.booleans()
    | st.integers(-2, 6)
    | st.text(max_size=8)
    | st.lists(st.integers(0, 3) | st.text(max_size=4), max_size=4)
)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["quiz", "exam", "practice"]),
    st.integers(0, 1000),
    st.lists(responses, max_size=40),
    st.integers(0, 30),
)
def test_any_run_records_every_submission_and_ends(mode, seed, script, step):
    clock = Clock()
    store = FakeStore()
    s = QuizSession(store, 1, BANK, mode=mode, seed=seed, clock=clock)
    submitted = 0
    script = iter(script)
    while not s.finished:
        q = s.current
        response = next(script, expected_response(q))
        clock.tick(step)
        if response is None and mode == "exam":  # an empty exam answer is a skip()
            with pytest.raises(ValueError):
                s.submit(response)
            response = expected_response(q)
        g = s.submit(response)
        submitted += 1
        assert g == grade(q, response)
        rec = store.answers[-1]
        assert (rec.question_id, rec.correct, rec.credit, rec.seconds) == (
            q.id,
            g.correct,
            g.credit,
            step,
        )
        assert 0 < s.position <= s.total
        s.advance()
        assert submitted < 100
    assert len(store.answers) == submitted == len(s.answers)
    asked = [q for q in BANK.questions if mode != "exam" or not self_rated(q)]
    assert len(s.results) == len(asked) and all(r.answered for r in s.results)
    assert store.sessions[1]["score"] == s.score and 0 <= s.score <= 1
    assert store.sessions[1]["outcome"] == s.outcome == "finished"
    assert set(s.mistakes) == {r.question.id for r in s.results if not r.correct}
    if mode == "practice":  # every question ended with a right answer
        last = {a.question.id: a.correct for a in s.answers}
        assert all(last.values())


def test_practice_is_scored_over_the_distinct_questions_answered():
    store, s = quiz(mode="practice", question_ids=["mc", "tf", "sa"], shuffle=False)
    assert s.score == 0.0  # nothing answered yet
    s.submit(1)  # mc right (1 point)
    s.advance()
    s.submit(False)  # tf wrong (1 point): comes back
    s.advance()
    # Over what was answered (mc right, tf wrong), not over all three questions.
    assert s.score == pytest.approx(1 / 2)
    s.submit("Kantor")  # sa right (2 points)
    s.advance()
    s.submit(True)  # tf again, right: it teaches, it does not raise the score
    s.advance()
    assert s.finished and s.outcome == "finished"
    assert store.sessions[1]["score"] == pytest.approx(3 / 4) == s.score


def test_questions_missed_again_wait_at_the_end_so_every_mistake_is_asked():
    # A tester reviewed 18 mistakes missing each one: the first four came back five times
    # each (a miss returns three questions later) and the other 14 were never asked. A
    # second miss now waits at the end of the queue.
    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back="b") for i in range(8))
    bank = Bank(id="hard", title="t", questions=cards)
    s = QuizSession(FakeStore(), 1, bank, mode="review", shuffle=False, clock=Clock())
    asked = []
    for _ in range(16):  # every answer "Again": wrong
        asked.append(s.current.id)
        s.submit(1)
        s.advance()
    # Every question was asked before any was asked a third time.
    thirds = [i for i, qid in enumerate(asked) if asked[: i + 1].count(qid) == 3]
    assert set(asked[: thirds[0]] if thirds else asked) == {c.id for c in cards}
    # A first miss still comes back soon: three questions later.
    assert asked[:5] == ["c0", "c1", "c2", "c3", "c0"]


def test_leaving_practice_halfway_is_abandoned_not_scored():
    store, s = quiz(mode="practice", question_ids=["mc", "tf", "sa"], shuffle=False)
    s.submit(1)
    s.advance()
    s.abandon()
    assert s.abandoned and s.outcome == "abandoned"
    assert store.sessions[1]["outcome"] == "abandoned" and store.sessions[1]["score"] is None
    assert [a.question_id for a in store.answers] == ["mc"]  # the answer stays


def test_leaving_before_any_answer_is_abandoned():
    store, s = quiz()
    s.abandon()
    assert store.sessions[1]["outcome"] == "abandoned" and store.sessions[1]["score"] is None
    s.abandon()  # a second leave changes nothing
    assert store.sessions[1]["outcome"] == "abandoned"


def test_leaving_after_the_last_answer_finishes_the_quiz():
    store, s = quiz(question_ids=["mc", "tf"], shuffle=False)
    s.submit(1)
    s.advance()
    s.submit(False)  # the last question is answered; only "See the results" is left
    s.abandon()
    assert not s.abandoned and s.outcome == "finished"
    assert store.sessions[1]["outcome"] == "finished"
    assert store.sessions[1]["score"] == pytest.approx(1 / 2)


def test_leaving_flashcards_keeps_the_ratings_and_records_no_recall():
    store = FakeStore(due=["mc"], seen={"mc"})
    fc = FlashcardSession(store, 1, BANK, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert fc.recall is None
    fc.rate(3)
    assert fc.recall == 1.0
    fc.abandon()
    assert fc.outcome == "abandoned" and fc.finished
    assert store.sessions[1] == {
        "learner": 1,
        "bank": BANK.id,
        "mode": "flashcards",
        "score": None,
        "outcome": "abandoned",
        "recall": None,
    }
    assert [a.rating for a in store.answers] == [3]


def test_reading_a_session_after_its_deadline_writes_nothing():
    """state, current, finished and time_left are reads: the screen's clock closes a session
    whose time is up (finish_if_time_up, on the writer thread), never a getter on the GUI
    thread."""
    clock = Clock()
    store, s = quiz(time_limit=60, clock=clock, question_ids=["mc", "tf"])
    clock.tick(61)
    before = {sid: dict(row) for sid, row in store.sessions.items()}
    assert s.state == "asking" and not s.finished and s.current is not None
    assert s.time_left == 0 and s.time_up
    assert store.sessions == before and s.outcome is None and not s.timed_out
    assert s.finish_if_time_up() and s.outcome == "timed_out"
    assert store.sessions[1]["outcome"] == "timed_out" and not s.time_up
    assert s.finish_if_time_up()  # finished already: written once
