"""`manage.py seed_demo_library`: demo documents (real PDF and DOCX files) in three languages.

Demo only: refused unless DEBUG is on. Every title starts with "DEMO". Files are generated,
imported through the same service as real contributions and extracted by the worker.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from hub.models import City, Theme
from library import samples
from library.models import Document
from library.services import DuplicateDocument, document_import

DEMO: list[dict[str, Any]] = [
    {
        "title_en": "DEMO — Local action plan for preventing violent extremism (Mombasa)",
        "title_fr": "DEMO — Plan d'action local de prévention de l'extrémisme violent (Mombasa)",
        "language": "en",
        "kind": "local_action_plan",
        "year": 2018,
        "themes": ["local-action-planning", "pcve"],
        "cities": ["mombasa"],
        "file": "pdf",
        "pages": [
            "Mombasa County local action plan. Our multi-agency approach brings together the "
            "county government, youth groups, religious leaders and the police.",
            "Referral mechanisms: social workers and teachers refer young people at risk to "
            "mentoring programmes. Each referral is reviewed within two weeks.",
            "Monitoring and evaluation: we measure community resilience every year with "
            "surveys in every ward.",
        ],
    },
    {
        "title_fr": (
            "DEMO — Évaluation de la stratégie municipale de prévention de la radicalisation"
        ),
        "title_en": "DEMO — Evaluation of the municipal strategy to prevent radicalisation",
        "language": "fr",
        "kind": "evaluation",
        "year": 2017,
        "themes": ["monitoring-and-evaluation", "youth-engagement"],
        "cities": ["montreal"],
        "file": "docx",
        "pages": [
            "Cette évaluation porte sur la stratégie municipale de prévention de la "
            "radicalisation menant à la violence.",
            "Les jeunes, les écoles et les organismes communautaires ont été consultés. "
            "Les intervenants sociaux soulignent l'importance du mentorat.",
        ],
    },
    {
        "title_ar": "DEMO — شبكة الوقاية المحلية: دليل عملي للبلديات",
        "title_en": "DEMO — Local prevention networks: a practical guide for municipalities",
        "language": "ar",
        "kind": "toolkit",
        "year": 2018,
        "themes": ["local-prevention-networks", "community-resilience"],
        "cities": ["tripoli", "saida"],
        "file": "pdf",
        "pages": [
            "تجمع شبكة الوقاية المحلية البلدية والمجتمع المدني والشباب من أجل منع التطرف العنيف.",
            "تنظم الشبكة ورش عمل للمعلمين والقادة الدينيين وتدعم حملات الشباب في المدينة.",
        ],
    },
    {
        "title_en": "DEMO — Online hate speech and polarisation: a mapping study",
        "language": "en",
        "kind": "research",
        "year": 2019,
        "themes": ["online-extreme-speech-polarisation", "hate-crime-hate-speech"],
        "cities": ["london"],
        "file": "pdf",
        "pages": [
            "This research maps online hate speech targeting minorities across city "
            "neighbourhoods and the polarisation it feeds.",
            "Recommendations: counter-narrative campaigns led by young people, and a "
            "partnership with technology companies.",
        ],
    },
]


class Command(BaseCommand):
    help = "Create clearly-marked demo documents in English, French and Arabic (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo_library is for development only: DEBUG is off.")
        # fontTools logs a line per font table it subsets: noise in `make run`'s output.
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        created = 0
        for item in DEMO:
            if item["file"] == "pdf":
                content = samples.pdf_bytes(item["pages"], language=item["language"])
                name = "demo.pdf"
            else:
                content = samples.docx_bytes(item["pages"])
                name = "demo.docx"
            data = {
                "title_en": item.get("title_en", ""),
                "title_fr": item.get("title_fr", ""),
                "title_ar": item.get("title_ar", ""),
                "summary_en": "DEMO content generated for trying the hub; not a real document.",
                "language": item["language"],
                "kind": item["kind"],
                "year": item["year"],
                "visibility": Document.Visibility.MEMBERS,
                "themes": list(Theme.objects.filter(slug__in=item["themes"])),
                "cities": list(City.objects.filter(slug__in=item["cities"])),
            }
            try:
                document_import(uploaded_file=ContentFile(content, name=name), data=data)
                created += 1
            except DuplicateDocument:
                continue
        self.stdout.write(f"Demo documents: {created} created, extraction queued.")
