"""The words of the demo library's documents (library.demo_library), in English, French and Arabic.

Sentences written for these topics: a notice that the document is not real, an introduction,
publishers, partners, the sections of a report, notes, annexes and a table. No person is named.
"""

from __future__ import annotations

from typing import Final

NOTICE: Final[dict[str, str]] = {
    "en": (
        "DEMO — This document was generated for trying the SCN Online Hub; it is not a real "
        "document. Apart from this notice its text is made of sample sentences and word lists, "
        "and its figures and findings are invented."
    ),
    "fr": (
        "DEMO — Ce document a été généré pour essayer la plateforme en ligne du SCN ; ce n'est "
        "pas un vrai document. Hormis cet avertissement, son texte est fait de phrases types et "
        "de listes de mots, et ses chiffres et résultats sont fictifs."
    ),
    "ar": (
        "DEMO — أُنشئت هذه الوثيقة لتجربة المنصة الإلكترونية لشبكة المدن القوية، وهي ليست وثيقة "
        "حقيقية. باستثناء هذا التنبيه، يتكون نصها من جمل نموذجية وقوائم كلمات، وأرقامها ونتائجها "
        "مختلقة."
    ),
}

INTRO: Final[dict[str, str]] = {
    "en": "This document presents how {city} approaches {topic} ({year}).",
    "fr": "Ce document présente la démarche de {city} sur le thème « {topic} » ({year}).",
    "ar": "تعرض هذه الوثيقة نهج {city} في موضوع «{topic}» ({year}).",
}

SUMMARY: Final[dict[str, str]] = {
    "en": (
        "How {city} approaches {topic}: context, objectives, activities, partners and results "
        "({year}). DEMO content generated for trying the hub; not a real document."
    ),
    "fr": (
        "La démarche de {city} sur le thème « {topic} » : contexte, objectifs, activités, "
        "partenaires et résultats ({year}). Contenu DEMO généré pour essayer la plateforme ; ce "
        "n'est pas un vrai document."
    ),
    "ar": (
        "نهج {city} في موضوع «{topic}»: السياق والأهداف والأنشطة والشركاء والنتائج ({year}). "
        "محتوى DEMO أُنشئ لتجربة المنصة، وليس وثيقة حقيقية."
    ),
}

PUBLISHERS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "{city} municipal prevention unit (DEMO)",
        "{city} youth services (DEMO)",
        "{city} local prevention network (DEMO)",
        "Office of the mayor of {city} (DEMO)",
    ),
    "fr": (
        "Service municipal de prévention, {city} (DEMO)",
        "Service jeunesse, {city} (DEMO)",
        "Réseau local de prévention, {city} (DEMO)",
        "Cabinet du maire, {city} (DEMO)",
    ),
    "ar": (
        "وحدة الوقاية في بلدية {city} (DEMO)",
        "دائرة الشباب، {city} (DEMO)",
        "شبكة الوقاية المحلية، {city} (DEMO)",
        "مكتب رئيس بلدية {city} (DEMO)",
    ),
}

# Partners named in the sentences; in Arabic, forms that read right in every case.
PARTNERS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "the municipal youth service",
        "local schools",
        "religious leaders",
        "women's associations",
        "the community police",
        "social workers",
        "sports clubs",
        "a university research team",
        "civil society organisations",
        "health and mental health services",
        "parents' associations",
        "local media",
    ),
    "fr": (
        "le service municipal de la jeunesse",
        "les écoles du quartier",
        "les responsables religieux",
        "les associations de femmes",
        "la police de proximité",
        "les travailleurs sociaux",
        "les clubs sportifs",
        "une équipe de recherche universitaire",
        "les organisations de la société civile",
        "les services de santé et de santé mentale",
        "les associations de parents",
        "les médias locaux",
    ),
    "ar": (
        "دائرة الشباب في البلدية",
        "المدارس المحلية",
        "القيادات الدينية",
        "الجمعيات النسائية",
        "الشرطة المجتمعية",
        "فرق العمل الاجتماعي",
        "الأندية الرياضية",
        "فريق بحث جامعي",
        "منظمات المجتمع المدني",
        "خدمات الصحة والصحة النفسية",
        "جمعيات أولياء الأمور",
        "وسائل الإعلام المحلية",
    ),
}

# (heading, sentences) of each section, in the order of a report.
SECTIONS: Final[dict[str, list[tuple[str, tuple[str, ...]]]]] = {
    "en": [
        (
            "Context",
            (
                "{city} has worked on {topic} since {since}, with local partners such as "
                "{partner} and {partner2}.",
                "Residents, young people and frontline practitioners were asked what worries "
                "them most; their answers shaped the priorities set out here.",
                "The document was prepared in {year} for the city's prevention partners and for "
                "peer cities in the network.",
                "Local data point to a few neighbourhoods where trust between residents and "
                "institutions remains low.",
            ),
        ),
        (
            "Objectives",
            (
                "Strengthen the capacity of local partners to recognise early signs of concern "
                "and to respond proportionately.",
                "Give young people safe spaces and a voice in local decisions.",
                "Improve coordination so that no referral is lost between services.",
                "Reduce the reach of hateful and polarising messages in the city, online and "
                "offline.",
            ),
        ),
        (
            "Activities",
            (
                "In {year}, {n1} workshops brought together {n2} participants, among them "
                "teachers, youth workers and parents.",
                "A mentoring scheme paired young people with trained volunteers for six months.",
                "Dialogue sessions were held in community centres, schools and places of "
                "worship, together with {partner}.",
                "A small grants programme supported {n1} local initiatives led by young people.",
            ),
        ),
        (
            "Partners and coordination",
            (
                "The work is coordinated by the city's prevention coordinator, who chairs a "
                "multi-agency group that meets every {months} months.",
                "Partners, among them {partner} and {partner2}, share information under agreed "
                "rules that protect personal data.",
                "Partners agreed a referral pathway: each concern is discussed within two weeks "
                "and followed up by the most suitable service.",
                "Exchanges with peer cities in the network helped adapt approaches that had "
                "worked elsewhere.",
            ),
        ),
        (
            "Monitoring and evaluation",
            (
                "Progress is measured against a baseline survey of {n2} residents.",
                "Each activity records attendance, feedback and follow-up; the figures in this "
                "demo document are invented.",
                "An external reviewer looked at what changed for participants after one year.",
                "Indicators include trust in local institutions, the participation of young "
                "people and the number of referrals handled.",
            ),
        ),
        (
            "Lessons and recommendations",
            (
                "Prevention works best as part of ordinary services rather than as a separate "
                "programme.",
                "Young people take part when they help design activities, not only when they "
                "are invited to attend them.",
                "Clear rules on information sharing give partners the confidence to work together.",
                "Recommendation: keep funding stable for at least three years so that "
                "relationships can grow.",
            ),
        ),
    ],
    "fr": [
        (
            "Contexte",
            (
                "{city} travaille sur le thème « {topic} » depuis {since}, avec des partenaires "
                "locaux comme {partner} et {partner2}.",
                "Les habitants, les jeunes et les professionnels de terrain ont été interrogés "
                "sur leurs préoccupations ; leurs réponses ont orienté les priorités présentées "
                "ici.",
                "Ce document a été préparé en {year} pour les partenaires de la prévention et "
                "pour les villes pairs du réseau.",
                "Les données locales montrent que, dans quelques quartiers, la confiance entre "
                "les habitants et les institutions reste faible.",
            ),
        ),
        (
            "Objectifs",
            (
                "Renforcer la capacité des partenaires locaux à repérer les premiers signes "
                "d'inquiétude et à y répondre de manière proportionnée.",
                "Offrir aux jeunes des espaces sûrs et une voix dans les décisions locales.",
                "Améliorer la coordination afin qu'aucune orientation ne se perde entre les "
                "services.",
                "Réduire la portée des messages haineux et polarisants dans la ville, en ligne "
                "comme hors ligne.",
            ),
        ),
        (
            "Activités",
            (
                "En {year}, {n1} ateliers ont réuni {n2} participants, dont des enseignants, des "
                "animateurs de jeunesse et des parents.",
                "Un programme de mentorat a associé des jeunes à des bénévoles formés pendant "
                "six mois.",
                "Des séances de dialogue ont eu lieu dans des centres communautaires, des écoles "
                "et des lieux de culte, avec {partner}.",
                "Un programme de petites subventions a soutenu {n1} initiatives locales portées "
                "par des jeunes.",
            ),
        ),
        (
            "Partenaires et coordination",
            (
                "Le travail est coordonné par le coordinateur de la prévention de la ville, qui "
                "préside un groupe pluridisciplinaire réuni tous les {months} mois.",
                "Les partenaires, notamment {partner} et {partner2}, partagent les informations "
                "selon des règles convenues qui protègent les données personnelles.",
                "Les partenaires ont défini un parcours d'orientation : chaque situation est "
                "examinée sous deux semaines et suivie par le service le plus adapté.",
                "Les échanges avec les villes pairs du réseau ont permis d'adapter des approches "
                "qui avaient fait leurs preuves ailleurs.",
            ),
        ),
        (
            "Suivi et évaluation",
            (
                "Les progrès sont mesurés par rapport à une enquête de référence menée auprès de "
                "{n2} habitants.",
                "Chaque activité enregistre la participation, les avis et le suivi ; les "
                "chiffres de ce document de démonstration sont fictifs.",
                "Un évaluateur externe a examiné ce qui a changé pour les participants après un "
                "an.",
                "Les indicateurs portent sur la confiance dans les institutions locales, la "
                "participation des jeunes et le nombre d'orientations traitées.",
            ),
        ),
        (
            "Enseignements et recommandations",
            (
                "La prévention fonctionne mieux lorsqu'elle fait partie des services ordinaires "
                "plutôt que d'un programme à part.",
                "Les jeunes s'engagent lorsqu'ils participent à la conception des activités, et "
                "pas seulement lorsqu'on les invite à y assister.",
                "Des règles claires de partage d'informations donnent aux partenaires la "
                "confiance nécessaire pour travailler ensemble.",
                "Recommandation : assurer un financement stable pendant au moins trois ans afin "
                "que les relations puissent se construire.",
            ),
        ),
    ],
    "ar": [
        (
            "السياق",
            (
                "تعمل {city} على موضوع «{topic}» منذ عام {since}، مع شركاء محليين منهم {partner} "
                "و{partner2}.",
                "استُطلعت آراء السكان والشباب والعاملين في الميدان حول أكثر ما يقلقهم، وقد حددت "
                "إجاباتهم الأولويات الواردة في هذه الوثيقة.",
                "أُعدت هذه الوثيقة في عام {year} لشركاء الوقاية في المدينة وللمدن النظيرة في "
                "الشبكة.",
                "تشير البيانات المحلية إلى أن الثقة بين السكان والمؤسسات ما زالت ضعيفة في عدد "
                "قليل من الأحياء.",
            ),
        ),
        (
            "الأهداف",
            (
                "تعزيز قدرة الشركاء المحليين على رصد العلامات المبكرة للقلق والاستجابة لها بشكل "
                "متناسب.",
                "توفير مساحات آمنة للشباب وإسماع صوتهم في القرارات المحلية.",
                "تحسين التنسيق حتى لا تضيع أي إحالة بين الخدمات.",
                "الحد من انتشار رسائل الكراهية والاستقطاب في المدينة، على الإنترنت وخارجه.",
            ),
        ),
        (
            "الأنشطة",
            (
                "في عام {year}، جمعت {n1} ورشة عمل {n2} مشاركًا، من بينهم معلمون وعاملون مع "
                "الشباب وأولياء أمور.",
                "جمع برنامج الإرشاد بين الشباب ومتطوعين مدربين لمدة ستة أشهر.",
                "نُظمت جلسات حوار في المراكز المجتمعية والمدارس ودور العبادة بمشاركة {partner}.",
                "دعم برنامج للمنح الصغيرة {n1} مبادرة محلية يقودها الشباب.",
            ),
        ),
        (
            "الشركاء والتنسيق",
            (
                "ينسق العمل منسق الوقاية في المدينة، الذي يرأس فريقًا متعدد القطاعات يجتمع كل "
                "{months} أشهر.",
                "يتبادل الشركاء، ومنهم {partner} و{partner2}، المعلومات وفق قواعد متفق عليها تحمي "
                "البيانات الشخصية.",
                "اتفق الشركاء على مسار للإحالة: تُناقش كل حالة خلال أسبوعين وتتابعها الخدمة الأنسب.",
                "ساعدت التبادلات مع المدن النظيرة في الشبكة على تكييف مقاربات أثبتت نجاحها في "
                "أماكن أخرى.",
            ),
        ),
        (
            "الرصد والتقييم",
            (
                "يُقاس التقدم مقارنة بمسح أساسي شمل {n2} من السكان.",
                "يُسجَّل لكل نشاط عدد المشاركين وآراؤهم والمتابعة اللاحقة، والأرقام الواردة في "
                "هذه الوثيقة التجريبية غير حقيقية.",
                "درس مقيّم خارجي ما الذي تغير بالنسبة إلى المشاركين بعد عام واحد.",
                "تشمل المؤشرات الثقة في المؤسسات المحلية ومشاركة الشباب وعدد الإحالات التي عولجت.",
            ),
        ),
        (
            "الدروس المستفادة والتوصيات",
            (
                "تنجح الوقاية أكثر عندما تكون جزءًا من الخدمات العادية لا برنامجًا منفصلًا.",
                "يشارك الشباب عندما يسهمون في تصميم الأنشطة، لا عندما يُدعون إلى حضورها فقط.",
                "تمنح القواعد الواضحة لتبادل المعلومات الشركاءَ الثقةَ اللازمة للعمل معًا.",
                "توصية: ضمان تمويل مستقر لمدة ثلاث سنوات على الأقل حتى تنمو العلاقات.",
            ),
        ),
    ],
}

# Before the paragraphs of library.sample_text prose, which read as lists of words.
NOTES: Final[dict[str, str]] = {
    "en": "Working notes (generated sample text):",
    "fr": "Notes de travail (texte d'exemple généré) :",
    "ar": "ملاحظات العمل (نص نموذجي مولَّد):",
}

ANNEX: Final[dict[str, str]] = {
    "en": "Annex {number}",
    "fr": "Annexe {number}",
    "ar": "الملحق {number}",
}

# The table of a Word document: (header, rows of activity and lead partner).
TABLE: Final[dict[str, tuple[tuple[str, str, str], tuple[str, ...]]]] = {
    "en": (
        ("Activity", "Lead partner", "When"),
        ("Workshops for teachers", "Mentoring scheme", "Dialogue sessions", "Youth grants"),
    ),
    "fr": (
        ("Activité", "Partenaire responsable", "Quand"),
        (
            "Ateliers pour les enseignants",
            "Programme de mentorat",
            "Séances de dialogue",
            "Subventions pour les jeunes",
        ),
    ),
    "ar": (
        ("النشاط", "الشريك المسؤول", "الموعد"),
        ("ورش عمل للمعلمين", "برنامج الإرشاد", "جلسات الحوار", "منح الشباب"),
    ),
}
