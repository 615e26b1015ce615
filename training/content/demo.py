"""Demo training data of `make demo`: working groups, their toolkits' notes, and who of the demo
accounts is where in the modules.

The programme summary does not name the SCN's working groups (data/hub_facts.md), so these are
demo groups, marked as such in every language ("DEMO — ") and by their provenance.
"""

from __future__ import annotations

from typing import Any

from ._text import t

PREFIX = "DEMO — "


def _demo(texts: dict[str, str]) -> dict[str, str]:
    return {code: PREFIX + text for code, text in texts.items()}


WORKING_GROUPS: list[dict[str, Any]] = [
    {
        "slug": "demo-youth-and-communications",
        "position": 1,
        "module": "counter-narrative-campaigns",
        "themes": [
            "youth-engagement",
            "counter-narrative-campaigns",
            "campaign-communications-design",
            "social-cohesion",
        ],
        "lead_cities": ["montreal"],
        "name": _demo(
            t(
                "Youth engagement and communications",
                "Engagement des jeunes et communication",
                "إشراك الشباب والتواصل",
            )
        ),
        "description": _demo(
            t(
                "A demo working group: city officials and youth workers who share how they "
                "design campaigns with young people and how they evaluate them.",
                "Un groupe de travail de démonstration : des responsables municipaux et des "
                "animateurs jeunesse qui partagent leur manière de concevoir des campagnes avec "
                "les jeunes et de les évaluer.",
                "فريق عمل تجريبي: مسؤولون بلديون وعاملون مع الشباب يتبادلون طرقهم في تصميم "
                "الحملات مع الشباب وتقييمها.",
            )
        ),
        "introduction": _demo(
            t(
                "Demo toolkit: examples from the demo library and from city profiles, chosen "
                "to show how a toolkit is laid out.",
                "Boîte à outils de démonstration : des exemples tirés de la bibliothèque de "
                "démonstration et des profils de villes, choisis pour montrer la présentation "
                "d'une boîte à outils.",
                "مجموعة أدوات تجريبية: أمثلة من المكتبة التجريبية ومن ملفات المدن، اختيرت "
                "لتوضيح طريقة عرض مجموعة الأدوات.",
            )
        ),
    },
    {
        "slug": "demo-prevention-networks-and-interventions",
        "position": 2,
        "module": "individual-interventions",
        "themes": [
            "local-prevention-networks",
            "multi-agency-approaches",
            "referral-mechanisms",
            "individual-interventions",
            "mentoring",
        ],
        "lead_cities": ["mombasa"],
        "name": _demo(
            t(
                "Prevention networks and individual interventions",
                "Réseaux de prévention et interventions individuelles",
                "شبكات الوقاية والتدخلات الفردية",
            )
        ),
        "description": _demo(
            t(
                "A demo working group: practitioners from social services, schools, health and "
                "police who compare referral pathways and multi-agency case work.",
                "Un groupe de travail de démonstration : des professionnels des services sociaux, "
                "de l'école, de la santé et de la police qui comparent leurs circuits "
                "d'orientation et leur travail multi-agences.",
                "فريق عمل تجريبي: ممارسون من الخدمات الاجتماعية والمدارس والصحة والشرطة "
                "يقارنون مسارات الإحالة والعمل المشترك بين الجهات.",
            )
        ),
        "introduction": _demo(
            t(
                "Demo toolkit: examples from the demo library and from city profiles, chosen "
                "to show how a toolkit is laid out.",
                "Boîte à outils de démonstration : des exemples tirés de la bibliothèque de "
                "démonstration et des profils de villes, choisis pour montrer la présentation "
                "d'une boîte à outils.",
                "مجموعة أدوات تجريبية: أمثلة من المكتبة التجريبية ومن ملفات المدن، اختيرت "
                "لتوضيح طريقة عرض مجموعة الأدوات.",
            )
        ),
    },
    {
        "slug": "demo-evidence-and-evaluation",
        "position": 3,
        "module": None,
        "themes": [
            "monitoring-and-evaluation",
            "risk-assessment",
            "drivers-of-radicalisation",
            "local-action-planning",
        ],
        "lead_cities": ["montreal", "mombasa"],
        "name": _demo(
            t(
                "Evidence and evaluation",
                "Données probantes et évaluation",
                "الأدلة والتقييم",
            )
        ),
        "description": _demo(
            t(
                "A demo working group: officials who share local risk assessments, action plans "
                "and the evaluations of their programmes.",
                "Un groupe de travail de démonstration : des responsables qui partagent leurs "
                "évaluations locales des risques, leurs plans d'action et les évaluations de "
                "leurs programmes.",
                "فريق عمل تجريبي: مسؤولون يتبادلون تقييمات المخاطر المحلية وخطط العمل وتقييمات "
                "برامجهم.",
            )
        ),
        "introduction": _demo(
            t(
                "Demo toolkit: examples from the demo library and from city profiles, chosen "
                "to show how a toolkit is laid out.",
                "Boîte à outils de démonstration : des exemples tirés de la bibliothèque de "
                "démonstration et des profils de villes, choisis pour montrer la présentation "
                "d'une boîte à outils.",
                "مجموعة أدوات تجريبية: أمثلة من المكتبة التجريبية ومن ملفات المدن، اختيرت "
                "لتوضيح طريقة عرض مجموعة الأدوات.",
            )
        ),
    },
]

# Which library documents go in which toolkit section (by document type), and how many of each.
SECTION_KINDS = {
    "background": ["research", "report"],
    "interest": ["strategy", "toolkit", "training_material", "other"],
    "case_studies": ["case_study", "evaluation"],
    "member_cities": ["local_action_plan"],
}
PER_SECTION = 3

NOTES = {
    "background": _demo(
        t(
            "Background reading for the group's discussions.",
            "Lecture de fond pour les échanges du groupe.",
            "قراءة تمهيدية لنقاشات الفريق.",
        )
    ),
    "interest": _demo(
        t(
            "Suggested by a member of the group.",
            "Proposé par un membre du groupe.",
            "اقترحه أحد أعضاء الفريق.",
        )
    ),
    "case_studies": _demo(
        t(
            "A case to compare with your own city's.",
            "Un cas à comparer avec celui de votre ville.",
            "حالة للمقارنة مع حالة مدينتك.",
        )
    ),
    "member_cities": _demo(
        t(
            "Work in a member city; ask SCN staff for an introduction.",
            "Un travail mené dans une ville membre ; demandez une mise en relation à l'équipe "
            "du SCN.",
            "عمل في إحدى المدن الأعضاء؛ اطلب من فريق شبكة المدن القوية تعريفك بالقائمين عليه.",
        )
    ),
}

# Where each demo account is in each module: "enrolled" (nothing done), "started" (the first
# two readings), "failed_quiz" (one reading, a failed quiz attempt), "staff_enrolled" (enrolled
# by the demo curator), or the outcome of the scenario played to complete the module
# ("complete_good", "complete_partial").
ENROLMENTS = [
    ("practitioner.montreal", "counter-narrative-campaigns", "complete_good"),
    ("practitioner.montreal", "individual-interventions", "started"),
    ("practitioner.mombasa", "counter-narrative-campaigns", "failed_quiz"),
    ("practitioner.mombasa", "individual-interventions", "enrolled"),
    ("official.mombasa", "individual-interventions", "complete_partial"),
    ("focal.montreal", "counter-narrative-campaigns", "staff_enrolled"),
]
