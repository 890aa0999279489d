"""The error catalogue (docs/errors.md) lists exactly the errors the tests provoke, message by message."""

from __future__ import annotations

import re

import test_errors
import test_glossary
from conftest import ROOT

PAGE = (ROOT / "docs/errors.md").read_text(encoding="utf-8")

#: catalogue label -> (test module, the case or test that provokes the error and asserts its message)
PROVOKED_BY = {
    "error-phrase-not-in-article": (test_errors, "phrase not in the article"),
    "error-phrase-occurs-more-than-once": (test_errors, "phrase occurs more than once"),
    "error-empty-phrase": (test_errors, "empty phrase"),
    "error-prefix-matches-nothing": (test_errors, "prefix that matches nothing"),
    "error-paragraph-without-phrase": (test_errors, "paragraph that does not hold the phrase"),
    "error-paragraph-does-not-exist": (test_errors, "paragraph that does not exist"),
    "error-unknown-kind": (test_errors, "unknown kind"),
    "error-missing-kind": (test_errors, "missing kind"),
    "error-unknown-source": (test_errors, "unknown source"),
    "error-no-source": (test_errors, "missing source"),
    "error-empty-note": (test_errors, "empty note body"),
    "error-raw-html-in-note": (test_errors, "raw HTML in a note"),
    "error-missing-gloss": (test_errors, "missing gloss"),
    "error-gloss-too-long": (test_errors, "gloss longer than 30 words"),
    "error-markup-in-gloss": (test_errors, "markup in a gloss"),
    "error-note-on-headline": (test_errors, "note on the headline"),
    "error-duplicate-note-id": (test_errors, "two notes with the same id"),
    "error-notes-without-article": (test_errors, "notes file for an article that does not exist"),
    "error-raw-html-in-page": (test_errors, "raw HTML in a page"),
    "error-unknown-term": (test_glossary, "term that matches nothing"),
    "error-alias-claimed-twice": (test_glossary, "alias claimed by two entries"),
    "error-entry-without-sources": (test_glossary, "entry without sources"),
    "error-entry-unknown-kind": (test_glossary, "unknown kind"),
    "error-entry-missing-summary": (test_glossary, "missing summary"),
    "error-unknown-event": ("test_timeline", "test_reference_errors"),
    "error-unknown-paragraph": ("test_timeline", "test_reference_errors"),
    "error-event-date": ("test_timeline", "test_event_problems_name_the_line"),
    "error-event-no-source": ("test_timeline", "test_event_problems_name_the_line"),
    "error-event-unknown-entry": ("test_timeline", "test_event_naming_an_unknown_entry"),
    "error-place-outside-iraq": ("test_map", "test_place_problems"),
    "error-article-edited": ("test_errors", "test_article_edited_after_import_names_the_paragraph"),
    "error-missing-field": ("test_errors", "test_missing_front_matter_field"),
    "error-wrong-type": ("test_errors", "test_front_matter_field_of_the_wrong_type"),
    "error-malformed-front-matter": ("test_errors", "test_malformed_front_matter"),
    "error-duplicate-slug": ("test_glossary", "test_two_entries_with_the_same_slug"),
    "error-unknown-entry": ("test_glossary", "test_an_unknown_entry_slug_fails_with_the_closest_one"),
    "error-source-not-checked": ("test_engine", "test_a_source_that_does_not_say_how_it_was_checked_fails_at_its_line"),
    "error-import-missing-file": ("test_import", "test_import_of_missing_or_empty_file_fails_in_one_line"),
    "error-import-annotations-bad-json": ("test_import", "test_bad_annotation_files"),
    "error-pdf-note-moved": ("test_editions", "test_make_pdf_fails_when_a_gloss_lands_off_its_page"),
    "error-latex": ("test_editions", "test_a_latex_error_is_named_by_its_source_file_and_note"),
}


def test_every_catalogued_error_is_provoked_by_a_test_and_every_tested_error_is_catalogued():
    labels = re.findall(r"^\((error-[a-z-]+)\)=$", PAGE, re.M)
    assert len(labels) == len(set(labels)) >= 25
    assert set(labels) == set(PROVOKED_BY)
    for label, (module, case) in PROVOKED_BY.items():
        if isinstance(module, str):
            source = (ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")
            assert f"def {case}(" in source, label
        else:
            cases = module.CASES if module is test_errors else module.ERRORS
            assert case in cases, label
    covered = {case for module, case in PROVOKED_BY.values() if module is test_errors}
    assert covered >= {c for c, (_, msg) in test_errors.CASES.items() if msg}  # every tested note error is listed


def test_catalogued_messages_match_what_the_tests_assert():
    """The message shown for each note and entry error is the start of the one its test expects."""
    for label, (module, case) in PROVOKED_BY.items():
        if isinstance(module, str):
            continue
        expected = (module.CASES if module is test_errors else module.ERRORS)[case][1]
        message = expected.split("WARNING: ", 1)[1]
        shown = re.search(r"^\(" + label + r"\)=\n### .*\n``?([^`]*)", PAGE, re.M).group(1)
        stem = shown.split("…")[0].split("(")[0].strip()
        assert message.startswith(stem), (label, stem, message)
