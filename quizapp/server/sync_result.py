"""What a sync did (server/sync.py), and its one-line summary for `quizapp sync` and the
app: the answers the server took, those it already had, and those pulled, with the undos
(retractions) sent and received."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.core.plural import counted, noun

TOO_NEW = ("the class server was set up by a newer quizapp; update this computer's quizapp"
           " (nothing was sent or received meanwhile)")


@dataclass(slots=True)
class SyncResult:
    pushed: int = 0  # answers sent that the server took (new there)
    already_there: int = 0  # answers sent it had already (sync --resend; a push not marked)
    pulled: int = 0  # answers new on this computer
    # Undos: those of this computer the server took, and those of other computers applied
    # here (a sync that carries only an undo said "0 answers pushed, 0 pulled").
    retractions_pushed: int = 0
    retractions_pulled: int = 0
    # The learner's cards suspended or brought back here by other computers' actions
    # (cards whose state changed: not the actions, a card suspended and back is as it was).
    cards_suspended_or_back: int = 0
    learners: int = 0
    errors: list[str] = field(default_factory=list)  # one line each, naming the learner
    # The same troubles in a few words each, still naming the learner (the status bar's
    # room): "Bob's password was refused".
    short_errors: list[str] = field(default_factory=list)
    offline: bool = False
    too_new: bool = False  # the server's schema is newer than this quizapp: nothing sent
    banks: int = 0  # class bank files new or changed on this computer
    banks_withdrawn: int = 0  # class banks removed from this computer (withdrawn)
    notes: list[str] = field(default_factory=list)  # about the class banks (banks.pull)
    # The learners whose rows a pull added here, each with the banks of those rows (None:
    # some row named no bank), so that the app redraws only what they touch.
    touched: dict[int, frozenset[str] | None] = field(default_factory=dict)

    def summary(self) -> str:
        if self.offline:
            text = f"offline: {self.errors[0]}" if self.errors else "offline"
            # A connection lost after a push was committed (those answers are on the
            # server), or in the middle of a pull (the pieces imported stay here).
            before = [f"{n:,} {noun(n, 'answer')} {done}"
                      for n, done in ((self.pushed, "pushed"), (self.pulled, "pulled")) if n]
            return text + (f" ({', '.join(before)} before)" if before else "")
        if self.too_new:
            return TOO_NEW
        text = (f"synced {counted(self.learners, 'learner')}: "
                f"{self.pushed:,} {noun(self.pushed, 'answer')} pushed")
        if self.already_there:  # sent, but not new there: not "pushed" (sync --resend)
            text += (f", {self.already_there:,} {noun(self.already_there, 'answer')}"
                     " the server already had")
        if self.retractions_pushed:
            text += f", {counted(self.retractions_pushed, 'answer')} taken back on the server"
        text += f", {self.pulled:,} pulled"
        if self.retractions_pulled:
            text += f", {counted(self.retractions_pulled, 'answer')} taken back here"
        if self.cards_suspended_or_back:
            text += (f", {counted(self.cards_suspended_or_back, 'card')} suspended or brought"
                     " back here")
        if self.banks:
            text += f", {self.banks} class bank{'s' * (self.banks != 1)} updated"
        return text + (f"; {counted(len(self.errors), 'problem')}" if self.errors else "")
