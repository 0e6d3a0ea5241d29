"""The WhatsApp report conversation as a pure state machine (no ORM, no clock, no I/O).

A citizen is asked, in this order, for what the report is about (a numbered list, or a
pick from an interactive list), the place (a shared location), a photo, a description and
a name. Anything sent early is kept: a location or photo sent while we still ask for the
category fills its slot, and the next question is always the first thing still missing.
The service (`intake.services`) stores the `Draft`, downloads photos, checks that a pin
lies in the territory, files the complaint when `Outcome.file` is set and sends
`Outcome.replies`.

Keywords (case-insensitive): BATAL cancels, LAPOR starts again, LEWATI skips the photo,
ANONIM as the name files the report anonymously.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

CATEGORY, LOCATION, PHOTO, DESCRIPTION, NAME = "kategori", "lokasi", "foto", "uraian", "nama"
FILED, CANCELLED, EXPIRED = "tercatat", "batal", "kedaluwarsa"
ASKING = (CATEGORY, LOCATION, PHOTO, DESCRIPTION, NAME)
FINISHED = (FILED, CANCELLED, EXPIRED)

CANCEL_WORDS = {"batal", "stop", "berhenti"}
START_WORDS = {"lapor", "baru", "mulai"}
SKIP_WORDS = {"lewati", "tidak ada", "skip"}
ANONYMOUS_WORDS = {"anonim", "anonymous"}
MIN_DESCRIPTION = 10
MAX_PHOTOS = 5
CHOICE_PREFIX = "kategori:"


@dataclass(frozen=True)
class CategoryChoice:
    code: str
    name: str


@dataclass(frozen=True)
class Event:
    """One inbound message, already interpreted by the service.

    kind: "text", "choice" (interactive list/button reply), "location", "image" or
    "other" (audio, sticker...). For a location the service says whether it lies inside
    the territory; for an image whether it could be downloaded and read as a photo.
    """

    kind: str
    text: str = ""
    choice_id: str = ""
    lat: float | None = None
    lng: float | None = None
    place: str = ""
    inside: bool = True
    photo_error: str = ""


@dataclass(frozen=True)
class Draft:
    step: str = CATEGORY
    category: str = ""
    lat: float | None = None
    lng: float | None = None
    address: str = ""
    photos: int = 0
    photo_skipped: bool = False
    description: str = ""
    name: str = ""
    anonymous: bool = False

    def missing(self) -> str:
        """The first question still to ask (NAME when only the name is left)."""
        if not self.category:
            return CATEGORY
        if self.lat is None:
            return LOCATION
        if not self.photos and not self.photo_skipped:
            return PHOTO
        if not self.description:
            return DESCRIPTION
        return NAME


@dataclass
class Outcome:
    draft: Draft
    replies: list[str] = field(default_factory=list)
    keep_photo: bool = False  # the event's photo counts: the service keeps its file
    file: bool = False  # everything is there: file the complaint


def category_menu(categories: list[CategoryChoice]) -> str:
    lines = [_("What is your report about? Reply with the number:")]
    lines += [f"{n}. {c.name}" for n, c in enumerate(categories, start=1)]
    return "\n".join(lines)


def question(step: str, categories: list[CategoryChoice]) -> str:
    if step == CATEGORY:
        return category_menu(categories)
    return {
        LOCATION: _("Where is the problem? Share its location: tap 📎 (attach), choose "
                    "Location, move the pin onto the place and send it."),
        PHOTO: _("Send a photo of the problem. If you cannot take one, reply LEWATI."),
        DESCRIPTION: _("Describe the problem in a few sentences: what is wrong, since when, "
                       "and any landmark that helps the officers find it."),
        NAME: _("Last question: what is your name? Reply ANONIM if your name should not be "
                "shown to the officers handling the report."),
    }[step]


def greeting(categories: list[CategoryChoice]) -> str:
    return "\n\n".join([
        _("Hello! This is the complaint service. We will ask five short questions; reply "
          "BATAL at any time to stop."),
        category_menu(categories)])


def _pick_category(event: Event, categories: list[CategoryChoice]) -> str:
    if event.kind == "choice" and event.choice_id.startswith(CHOICE_PREFIX):
        code = event.choice_id[len(CHOICE_PREFIX):]
        return code if any(c.code == code for c in categories) else ""
    text = event.text.strip().rstrip(".").strip()
    if re.fullmatch(r"\d{1,3}", text):
        n = int(text)
        return categories[n - 1].code if 1 <= n <= len(categories) else ""
    by_name = [c.code for c in categories if c.name.casefold() == text.casefold()]
    return by_name[0] if by_name else ""


def _ask_next(draft: Draft, categories, replies: list[str], *, keep_photo=False) -> Outcome:
    draft = replace(draft, step=draft.missing())
    replies.append(question(draft.step, categories))
    return Outcome(draft, replies, keep_photo)


def start(categories: list[CategoryChoice]) -> Outcome:
    """A new conversation: greet and ask the category."""
    return Outcome(Draft(), [greeting(categories)])


def advance(draft: Draft, event: Event, categories: list[CategoryChoice]) -> Outcome:
    """The next state of a conversation in progress after one inbound message."""
    if draft.step not in ASKING:
        raise ValueError(f"conversation already {draft.step}")
    word = event.text.strip().casefold() if event.kind == "text" else ""
    if word in CANCEL_WORDS:
        return Outcome(replace(draft, step=CANCELLED), [
            _("Your report has been cancelled and nothing was sent to the officers. Reply "
              "LAPOR whenever you want to start again.")])
    if word in START_WORDS:
        return start(categories)
    replies: list[str] = []

    if event.kind == "location":
        if not event.inside:
            replies.append(_("That place lies outside our area, so we cannot handle it. "
                             "Share the location of the problem inside our area."))
            return Outcome(replace(draft, step=LOCATION), replies)
        draft = replace(draft, lat=event.lat, lng=event.lng, address=event.place[:300])
        replies.append(_("Location received."))
        return _ask_next(draft, categories, replies)

    if event.kind == "image":
        if event.photo_error:
            replies.append(event.photo_error)
            return Outcome(draft, replies + [question(draft.step, categories)])
        if draft.photos >= MAX_PHOTOS:
            replies.append(_("We already have %(n)s photos; this one was not added.")
                           % {"n": MAX_PHOTOS})
            return Outcome(draft, replies)
        draft = replace(draft, photos=draft.photos + 1)
        replies.append(_("Photo received."))
        return _ask_next(draft, categories, replies, keep_photo=True)

    if event.kind not in ("text", "choice"):
        replies.append(_("Sorry, we cannot read this kind of message."))
        replies.append(question(draft.step, categories))
        return Outcome(draft, replies)

    step = draft.step
    if step == CATEGORY:
        code = _pick_category(event, categories)
        if not code:
            replies.append(_("Please reply with one of the numbers 1 to %(n)s.")
                           % {"n": len(categories)})
            replies.append(category_menu(categories))
            return Outcome(draft, replies)
        name = next(c.name for c in categories if c.code == code)
        draft = replace(draft, category=code)
        replies.append(_("Category: %(name)s.") % {"name": name})
        return _ask_next(draft, categories, replies)
    if step == LOCATION:
        replies.append(_("We need the location as a shared map pin, not as text."))
        replies.append(question(LOCATION, categories))
        return Outcome(draft, replies)
    if step == PHOTO:
        if word in SKIP_WORDS:
            return _ask_next(replace(draft, photo_skipped=True), categories, replies)
        replies.append(question(PHOTO, categories))
        return Outcome(draft, replies)
    if step == DESCRIPTION:
        text = event.text.strip()
        if len(text) < MIN_DESCRIPTION:
            replies.append(_("Please write a little more (at least %(n)s characters), so "
                             "that the officers understand the problem.")
                           % {"n": MIN_DESCRIPTION})
            return Outcome(draft, replies)
        return _ask_next(replace(draft, description=text[:4000]), categories, replies)
    # NAME
    text = " ".join(event.text.split())
    if word in ANONYMOUS_WORDS:
        draft = replace(draft, name="", anonymous=True)
        return Outcome(replace(draft, step=FILED), replies, file=True)
    if len(text) < 2:
        replies.append(question(NAME, categories))
        return Outcome(draft, replies)
    draft = replace(draft, name=text[:200], anonymous=False)
    return Outcome(replace(draft, step=FILED), replies, file=True)
