"""The conversation as a pure state machine: no database, no clock."""

from balai.intake import conversation as conv

CATS = [conv.CategoryChoice("jalan-rusak", "Jalan rusak"),
        conv.CategoryChoice("sampah", "Sampah menumpuk"),
        conv.CategoryChoice("banjir", "Banjir")]


def text(t: str) -> conv.Event:
    return conv.Event(kind="text", text=t)


def run(*events, draft=None) -> conv.Outcome:
    outcome = conv.Outcome(draft or conv.Draft())
    for e in events:
        outcome = conv.advance(outcome.draft, e, CATS)
    return outcome


def test_the_questions_come_in_order_and_the_last_answer_files_it():
    o = run(text("2"))
    assert o.draft.category == "sampah" and o.draft.step == conv.LOCATION
    o = run(conv.Event(kind="location", lat=-7.98, lng=112.63, place="Pasar Besar"),
            draft=o.draft)
    assert o.draft.step == conv.PHOTO and o.draft.address == "Pasar Besar"
    o = run(conv.Event(kind="image"), draft=o.draft)
    assert o.keep_photo and o.draft.photos == 1 and o.draft.step == conv.DESCRIPTION
    o = run(text("Sampah menumpuk di depan pasar sejak Senin."), draft=o.draft)
    assert o.draft.step == conv.NAME and not o.file
    o = run(text("  Siti   Aminah "), draft=o.draft)
    assert o.file and o.draft.step == conv.FILED and o.draft.name == "Siti Aminah"


def test_an_interactive_list_pick_chooses_the_category():
    o = run(conv.Event(kind="choice", choice_id="kategori:banjir", text="Banjir"))
    assert o.draft.category == "banjir"
    assert run(conv.Event(kind="choice", choice_id="kategori:tidak-ada")).draft.category == ""


def test_a_wrong_number_asks_again_with_the_list():
    o = run(text("7"))
    assert o.draft.step == conv.CATEGORY and not o.draft.category
    assert "1. Jalan rusak" in o.replies[-1]


def test_a_location_sent_early_is_kept_and_not_asked_again():
    o = run(conv.Event(kind="location", lat=-7.98, lng=112.63), text("1"))
    assert o.draft.lat == -7.98 and o.draft.step == conv.PHOTO


def test_a_place_outside_the_territory_is_refused():
    o = run(text("1"), conv.Event(kind="location", lat=-6.2, lng=106.8, inside=False))
    assert o.draft.lat is None and o.draft.step == conv.LOCATION


def test_text_instead_of_a_location_asks_for_the_pin():
    o = run(text("1"), text("Jl. Merdeka"))
    assert o.draft.step == conv.LOCATION and o.draft.lat is None


def test_the_photo_may_be_skipped_and_a_failed_photo_is_asked_again():
    base = run(text("1"), conv.Event(kind="location", lat=-7.98, lng=112.63)).draft
    failed = run(conv.Event(kind="image", photo_error="Foto gagal."), draft=base)
    assert failed.draft.photos == 0 and failed.replies[0] == "Foto gagal."
    assert not failed.keep_photo
    skipped = run(text("LEWATI"), draft=base)
    assert skipped.draft.photo_skipped and skipped.draft.step == conv.DESCRIPTION


def test_a_too_short_description_is_refused():
    base = conv.Draft(step=conv.DESCRIPTION, category="sampah", lat=1.0, lng=1.0,
                      photo_skipped=True)
    assert run(text("kotor"), draft=base).draft.description == ""


def test_anonim_files_without_a_name():
    base = conv.Draft(step=conv.NAME, category="sampah", lat=1.0, lng=1.0, photos=1,
                      description="Sampah di selokan sejak kemarin.")
    o = run(text("Anonim"), draft=base)
    assert o.file and o.draft.anonymous and o.draft.name == ""


def test_batal_cancels_and_lapor_starts_again():
    o = run(text("1"), text("batal"))
    assert o.draft.step == conv.CANCELLED
    again = run(text("1"), text("LAPOR"))
    assert again.draft == conv.Draft()


def test_an_unreadable_message_repeats_the_question():
    o = run(text("1"), conv.Event(kind="other"))
    assert o.draft.step == conv.LOCATION and len(o.replies) == 2
