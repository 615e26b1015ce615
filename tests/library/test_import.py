from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from hub.services import scn_data_load
from library import samples
from library.models import Document
from tests.library import hostile

pytestmark = pytest.mark.django_db

HEADER = [
    "path",
    "title_en",
    "title_fr",
    "title_ar",
    "language",
    "type",
    "year",
    "themes",
    "cities",
    "visibility",
]


def _manifest(folder, rows):
    path = folder / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_import_documents_reports_each_file_and_never_stops(
    tmp_path, capsys, django_capture_on_commit_callbacks
):
    scn_data_load()
    files = tmp_path / "files"
    files.mkdir()
    (files / "plan.pdf").write_bytes(samples.pdf_bytes(["Mombasa youth mentoring plan."]))
    (files / "eval.docx").write_bytes(samples.docx_bytes(["Évaluation du programme."]))
    (files / "copy.pdf").write_bytes((files / "plan.pdf").read_bytes())
    (files / "bomb.docx").write_bytes(hostile.docx_many_entries())
    manifest = _manifest(
        tmp_path,
        [
            [
                "files/plan.pdf",
                "Mombasa plan",
                "",
                "",
                "en",
                "local_action_plan",
                "2018",
                "youth-engagement;Mentoring",
                "mombasa;Montréal",
                "members",
            ],
            [
                str(files / "eval.docx"),
                "",
                "Évaluation",
                "",
                "fr",
                "evaluation",
                "2017",
                "",
                "",
                "public",
            ],
            ["files/copy.pdf", "Same file", "", "", "en", "report", "", "", "", "members"],
            ["files/missing.pdf", "Missing", "", "", "en", "report", "", "", "", "members"],
            ["files/plan.pdf", "", "", "", "en", "report", "", "", "", "members"],
            ["files/eval.docx", "Bad type", "", "", "en", "novel", "", "", "", "members"],
            [
                "files/eval.docx",
                "Bad theme",
                "",
                "",
                "en",
                "report",
                "",
                "no-such-theme",
                "",
                "members",
            ],
            ["files/bomb.docx", "Bomb", "", "", "en", "report", "", "", "", "staff"],
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", str(manifest))
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("line")]
    assert [line.split(": ", 1)[1].split(" ")[0] for line in lines] == [
        "imported",
        "imported",
        "already",
        "rejected:",
        "rejected:",
        "rejected:",
        "rejected:",
        "rejected:",
    ]
    assert "Summary: 2 imported, 1 already present, 5 rejected." in out
    plan = Document.objects.get(title_en="Mombasa plan")
    assert plan.status == Document.Status.PUBLISHED
    assert plan.extraction_state == Document.Extraction.INDEXED
    assert sorted(plan.themes.values_list("slug", flat=True)) == ["mentoring", "youth-engagement"]
    assert sorted(plan.cities.values_list("slug", flat=True)) == ["mombasa", "montreal"]

    # Idempotent: a second run imports nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", str(manifest))
    assert "Summary: 0 imported, 3 already present, 5 rejected." in capsys.readouterr().out
    assert Document.objects.count() == 2


def test_import_documents_folder_mode(tmp_path, capsys, django_capture_on_commit_callbacks):
    (tmp_path / "Youth_strategy.pdf").write_bytes(samples.pdf_bytes(["Youth strategy."]))
    (tmp_path / "notes.txt").write_text("Plain notes on prevention.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_documents", "--folder", str(tmp_path), "--type", "strategy")
    out = capsys.readouterr().out
    assert "Summary: 2 imported, 0 already present, 0 rejected." in out
    assert sorted(Document.objects.values_list("title_en", flat=True)) == [
        "Youth strategy",
        "notes",
    ]


def test_import_documents_refuses_a_manifest_without_the_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("path,title\nx.pdf,X\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_documents", str(bad))
