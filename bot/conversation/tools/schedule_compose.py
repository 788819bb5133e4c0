"""Composing a schedule answer: which session a query points at, then a short text leading with the fact asked.

Each line is a function of the language, so one resolution of the query gives the Thai and the
English text alike. Dates are Buddhist Era in Thai; days are worded relative to today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.conversation.tools.schedule_questions import Aspect, ScheduleQuery
from bot.conversation.tools.schedule_text import Text, fit, long_date, msg, plain, relative, short_date
from ingestion.loaders.schedule_file import ScheduleSession
from ingestion.thai.dates import thai_date_numeric

Value = str | int | None
"""A fact stated by an answer, as :attr:`ScheduleAnswer.values` holds it."""

_OFFSET_REFS = {1: "ref.next_week", 0: "ref.this_week", -1: "ref.last_week"}
_DAY_REFS = {0: ("ref.today", "rel.today"), 1: ("ref.tomorrow", "rel.tomorrow")}


@dataclass(frozen=True)
class Dated:
    """A session with its date and programme week in this cohort."""

    day: date
    week: int
    session: ScheduleSession


@dataclass(frozen=True)
class Cohort:
    """A cohort's dated sessions (in date order) and the Monday of its week 1."""

    sessions: Sequence[Dated]
    week_one: date


@dataclass(frozen=True)
class ScheduleAnswer:
    """A schedule answer: Thai and English text (result first, at most 400 characters) and the facts in it."""

    text_th: str
    text_en: str
    values: dict[str, Value]
    """``phase`` (before/during/after) and what the answer states: ``week``, ``date`` (ISO), ``date_be``
    (DD/MM/YYYY, Buddhist Era), ``start``, ``end``, ``venue``, ``activity``, ``topic``, ``weeks_left``."""

    def text(self, language: str) -> str:
        """The text in ``language`` (Thai unless ``en``)."""
        return self.text_en if language == "en" else self.text_th


@dataclass
class _Target:
    """What an answer is about: lines before it, the session and its name, fixed lines after, droppable extras."""

    before: list[Text]
    dated: Dated | None = None
    ref: Text | None = None
    after: list[Text] = field(default_factory=list)
    extra: list[Text] = field(default_factory=list)


def _primary(sessions: Sequence[Dated]) -> Dated | None:
    """The class of a week rather than its mentoring appointment, when a week holds both."""
    ranked = sorted(sessions, key=lambda d: (_activity_id(d) == "mentoring", d.day))
    return ranked[0] if ranked else None


def _activity_id(dated: Dated) -> str | None:
    return dated.session.activity.id if dated.session.activity else None


class Composer:
    """Answers queries about one cohort as of one day."""

    def __init__(self, cohort: Cohort, today: date, example: bool) -> None:
        """``example``: the schedule is the bundled illustration, and every answer says so."""
        self.sessions, self.week_one, self.today, self.example = cohort.sessions, cohort.week_one, today, example
        self.first, self.last = self.sessions[0], self.sessions[-1]
        self.total = max(d.week for d in self.sessions)
        self.current_week = (today - self.week_one).days // 7 + 1
        self.phase = "before" if today < self.first.day else "after" if today > self.last.day else "during"

    def when(self, day: date) -> dict[str, Text]:
        """The ``date`` and ``relative`` values of a message about ``day``."""
        return {"date": long_date(day), "relative": relative(day, self.today)}

    def week(self, number: int) -> list[Dated]:
        """The sessions of programme week ``number``."""
        return [d for d in self.sessions if d.week == number]

    def answer(self, query: ScheduleQuery) -> ScheduleAnswer:
        """The answer to ``query``."""
        values: dict[str, Value] = {"phase": self.phase}
        if query.aspect is Aspect.WEEKS_LEFT:
            return self._finish(self._weeks_left(values), [], [], values)
        target = self._resolve(query, values)
        if target.dated is None or target.ref is None:
            return self._finish(target.before, [], target.after, values)
        lead, details, topic = self._about(target.dated, target.ref, query.aspect, values)
        # Other dates of an activity matter more than its topic when room runs out.
        return self._finish([*target.before, lead], details + target.extra + topic, target.after, values)

    def _weeks_left(self, values: dict[str, Value]) -> list[Text]:
        last = self.last.day
        if self.phase == "before":
            values["weeks_left"] = self.total
            starts = msg("phase.before", **self.when(self.first.day))
            return [starts, msg("weeks_left.before", total=self.total, date=long_date(last))]
        if self.phase == "after":
            values["weeks_left"] = 0
            return [msg("phase.after", **self.when(last))]
        week = min(self.current_week, self.total)
        values.update(week=week, weeks_left=self.total - week)
        key = "weeks_left.final" if week >= self.total else "weeks_left.during"
        return [msg(key, left=self.total - week, week=week, total=self.total, **self.when(last))]

    def _resolve(self, q: ScheduleQuery, values: dict[str, Value]) -> _Target:
        """The session a query points at, with the lines that must come before or after the answer."""
        ended = msg("phase.after", **self.when(self.last.day))
        upcoming = [d for d in self.sessions if d.day >= self.today]
        week = self.current_week + q.week_offset if q.week_offset is not None else q.week
        before: list[Text] = []
        if q.activity is not None and (found := self._activity(q, week, values)) is not None:
            return found
        if q.final:
            return _Target([], self.last, msg("ref.final", week=self.last.week))
        if q.module is not None:
            of_module = [d for d in self.sessions if d.session.module == q.module]
            if not of_module:
                return _Target([msg("none.module", module=q.module)])
            return _Target([], of_module[0], msg("ref.week", week=of_module[0].week))
        if week is not None:
            ref = msg(_OFFSET_REFS[q.week_offset] if q.week_offset is not None else "ref.week", week=week)
            chosen = _primary(self.week(week))
            if chosen is not None:
                return _Target([], chosen, ref)
            if q.week_offset is None:
                return _Target([msg("none.week", week=week, total=self.total)])
            # This, next or last week holds no session: before week 1, after the last week, or a gap.
            if week < self.first.week:
                first = _primary(self.week(self.first.week)) or self.first
                return _Target(
                    [msg("phase.before", **self.when(self.first.day))], first, msg("ref.week", week=first.week)
                )
            if week > self.total:
                if self.phase == "after":
                    return _Target([ended])
                return _Target(
                    [msg("none.after_last_week", total=self.total)], self.last, msg("ref.final", week=self.last.week)
                )
            before.append(msg("none.week_offset", ref=ref))
            upcoming = [d for d in self.sessions if d.day >= self.week_one + timedelta(weeks=week - 1)]
        elif q.day_offset is not None:
            day = self.today + timedelta(days=q.day_offset)
            ref_key, day_key = _DAY_REFS.get(q.day_offset, ("ref.today", "rel.today"))
            on_day = _primary([d for d in self.sessions if d.day == day])
            if on_day is not None:
                return _Target([], on_day, msg(ref_key, week=on_day.week))
            before.append(msg("none.day", day=msg(day_key)))
            upcoming = [d for d in self.sessions if d.day > day]
        elif q.aspect is Aspect.HOMEWORK:
            # The homework to do now: that of the latest session (of the first, before the course starts).
            with_homework = [d for d in self.sessions if d.session.homework] or list(self.sessions)
            done = [d for d in with_homework if d.day <= self.today]
            if done:
                return _Target([], done[-1], msg("ref.latest", week=done[-1].week))
            first = with_homework[0]
            return _Target([msg("phase.before", **self.when(self.first.day))], first, msg("ref.week", week=first.week))
        elif self.phase == "before":
            before.append(msg("phase.before", **self.when(self.first.day)))
        if not upcoming:
            return _Target([*before, ended])
        return _Target(before, upcoming[0], msg("ref.next", week=upcoming[0].week))

    def _activity(self, q: ScheduleQuery, week: int | None, values: dict[str, Value]) -> _Target | None:
        """The occurrence of an activity a query names; ``None`` to answer about the week instead."""
        everywhere = [d for d in self.sessions if _activity_id(d) == q.activity]
        found = [d for d in everywhere if week is None or d.week == week]
        if not found and week is not None:
            return None  # "สัปดาห์ที่ 6 ดูงานไหม": no visit that week, so answer about the week itself
        values["activity"] = q.activity
        named = everywhere[0].session.activity if everywhere else None
        label: Text = (
            (lambda lang: named.name_en if lang == "en" else named.name_th) if named else msg(f"activity.{q.activity}")
        )
        if not found:
            return _Target([msg("none.activity", name=label)])
        later = [d for d in found if d.day >= self.today]
        if q.ordinal is not None and 1 <= q.ordinal <= len(found):
            target = found[q.ordinal - 1]
        elif q.ordinal == -1:
            target = found[-1]
        else:
            target = later[0] if later else found[-1]
        if len(found) == 1:
            ref = msg("ref.activity", name=label, week=target.week)
        else:
            ref = msg("ref.activity_nth", name=label, n=found.index(target) + 1, count=len(found), week=target.week)
        after = [msg("phase.after_note")] if not later and self.phase == "after" else []
        others = [d for d in found if d is not target]
        dates: Text = lambda lang: ", ".join(short_date(d.day)(lang) for d in others)  # noqa: E731
        return _Target([], target, ref, after, [msg("detail.others", dates=dates)] if others else [])

    def _about(
        self, target: Dated, ref: Text, aspect: Aspect, values: dict[str, Value]
    ) -> tuple[Text, list[Text], list[Text]]:
        """The lead (the fact asked), the details that support it, and the topic line (dropped first)."""
        s = target.session
        values.update(
            week=target.week, date=target.day.isoformat(), date_be=thai_date_numeric(target.day), start=s.start,
            end=s.end, venue=s.venue, topic=s.topic, activity=_activity_id(target) or values.get("activity"),
        )  # fmt: skip
        time = msg("time.range", start=s.start, end=s.end) if s.start and s.end else plain(s.start or s.end)
        venue, when = self._venue(s), self.when(target.day)
        when_time, at = msg("detail.when_time", time=time, **when), msg("detail.venue", venue=venue)
        topic = [msg("detail.topic", topic=s.topic)] if s.topic else []
        if aspect is Aspect.HOMEWORK:
            values["homework"] = s.homework or None
            lead = (
                msg("lead.homework", ref=ref, homework=s.homework) if s.homework else msg("lead.no_homework", ref=ref)
            )
            return lead, [msg("detail.when", **when)], []
        if aspect is Aspect.TOPIC and s.topic:
            return msg("lead.topic", ref=ref, topic=s.topic), [when_time, at], []
        if aspect is Aspect.DATE:
            return msg("lead.date", ref=ref, **when), [msg("detail.time", time=time), at], topic
        if aspect is Aspect.TIME:
            return msg("lead.time", ref=ref, time=time, **when), [at], topic
        if aspect is Aspect.VENUE:
            return msg("lead.venue", ref=ref, venue=venue), [when_time], topic
        return msg("lead.session", ref=ref, time=time, **when), [at], topic

    @staticmethod
    def _venue(s: ScheduleSession) -> Text:
        if not s.venue:
            return msg("venue.online_only") if s.format == "online" else msg("venue.unknown")
        # The sample's online venues already say "ออนไลน์"; saying it twice reads as a glitch.
        if s.format == "online" and not any(w in s.venue.lower() for w in ("ออนไลน์", "online")):
            return msg("venue.online", venue=s.venue)
        return plain(s.venue)

    def _finish(
        self, head: list[Text], optional: list[Text], tail: list[Text], values: dict[str, Value]
    ) -> ScheduleAnswer:
        """The answer in both languages, within 400 characters, with the example note when it applies."""
        note = [msg("example")] if self.example else []
        return ScheduleAnswer(fit("th", head, optional, tail, note), fit("en", head, optional, tail, note), values)
