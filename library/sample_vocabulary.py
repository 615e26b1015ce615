"""Word lists of the synthetic P/CVE texts: the benchmark's library and the demo library.

Used by library.sample_text (prose), bench.corpus (the search benchmark's 100,000 documents) and
library.demo_library (the documents of `make run`). Each language has four tiers, sampled
differently by library.sample_text:

- ``function``: grammatical words (mostly stop words of the search configurations), sampled on
  every page, so the text has the rhythm of real prose and the parser sees them.
- ``core``: the domain words of every P/CVE report, Zipf-sampled on every page; the top ones end
  up in nearly every document (the "common" query class, >= 80 %).
- ``mid``: subject words a document either covers or not; each one is picked by a document with
  a probability between ~4 % and ~35 % (the "mid-frequency" class, 3-20 % of documents).
- ``rare``: specialised words picked by 0.1-2.5 % of documents (the "selective" class).

The first English and French core words are spelt the same in both languages after unaccent and
stemming ("prevention"/"prévention", "radicalisation", ...): a query is parsed in every
configuration, so these English words match French documents too and reach >= 80 % of the whole
library, as the real words do.

Entries may be multi-word phrases; they are inserted as one piece of text.
"""

from __future__ import annotations

from typing import Final

_SHARED_EN: Final = [
    "prevention",
    "radicalisation",
    "violence",
    "communication",
    "programme",
    "intervention",
    "coordination",
    "participants",
    "dialogue",
    "inclusion",
    "engagement",
    "institutions",
]
_SHARED_FR: Final = [
    "prévention",
    "radicalisation",
    "violence",
    "communication",
    "programme",
    "intervention",
    "coordination",
    "participants",
    "dialogue",
    "inclusion",
    "engagement",
    "institutions",
]

VOCAB: Final[dict[str, dict[str, list[str]]]] = {
    "en": {
        "function": [
            "the", "of", "and", "to", "in", "a", "for", "with", "on", "is", "are", "by", "as",
            "that", "this", "from", "their", "be", "it", "an", "at", "which", "were", "was",
            "has", "have", "not", "or", "more", "its", "also", "these", "between", "through",
            "other", "such", "all", "can", "will", "been", "into", "than", "both", "when", "who",
            "how", "most", "where", "while", "within",
        ],
        "core": [
            *_SHARED_EN,
            "community", "youth", "resilience", "local", "city", "strategy", "municipality",
            "partners", "support", "violent extremism", "social", "public", "approach", "risk",
            "schools", "police", "practitioners", "families", "young people", "training",
            "government", "network", "cooperation", "services", "project", "workshop",
            "education", "trust", "safety", "security", "capacity", "civil society",
            "stakeholders", "policy", "implementation", "framework", "outcomes", "activities",
            "groups", "online", "awareness", "vulnerable", "experience", "challenges",
            "development", "health", "mental health", "residents", "neighbourhood", "leaders",
            "women", "religious", "data", "monitoring", "plan", "action", "response", "national",
            "international", "level", "factors", "report", "research", "sport", "culture",
            "cohesion", "crime", "integration", "employment", "teachers", "parents", "media",
            "digital", "recommendations", "lessons", "funding", "good practice",
            "early warning", "multi-agency",
        ],
        "mid": [
            "referral", "mentoring", "evaluation", "social workers", "online hate speech",
            "polarisation", "disengagement", "reintegration", "rehabilitation",
            "deradicalisation", "counter-narratives", "exit programme", "prisons", "probation",
            "returnees", "foreign fighters", "hate crime", "far-right", "jihadist",
            "extremist propaganda", "conspiracy theories", "misinformation", "disinformation",
            "gaming platforms", "psychosocial", "victims", "survivors", "memorial", "interfaith",
            "mosque", "church", "synagogue", "football", "theatre", "music", "volunteers",
            "peer educators", "role models", "storytelling", "critical thinking",
            "media literacy", "dropout", "unemployment", "marginalisation", "discrimination",
            "racism", "antisemitism", "islamophobia", "gender", "masculinity", "girls",
            "migrants", "refugees", "asylum", "diaspora", "border", "rural", "suburbs", "housing",
            "youth centres", "sports clubs", "street workers", "helpline", "case management",
            "risk assessment", "information sharing", "safeguarding", "protective factors",
            "grievances", "identity", "belonging",
        ],
        "rare": [
            "accelerationism", "incel", "ecofascism", "sovereign citizens", "doxxing",
            "swatting", "livestreaming", "manifesto", "lone actor", "stabbing",
            "vehicle ramming", "arson", "recidivism", "parole", "halfway house", "tattoo",
            "biometric", "geofencing", "chatbots", "algorithmic amplification", "deepfakes",
            "encrypted messaging", "crowdfunding", "cryptocurrency", "hawala", "madrasa",
            "boarding school", "orphanage", "amnesty", "truce", "ceasefire", "militia",
            "warlord", "piracy", "kidnapping", "ransom", "trafficking", "smuggling", "desert",
            "archipelago", "fishermen", "nomadic", "pastoralists", "drought", "flooding",
            "earthquake", "pandemic", "lockdown", "vaccination", "ombudsman", "whistleblower",
            "auditor", "procurement", "tender", "invoice", "spreadsheet", "dashboard",
            "questionnaire", "focus group", "ethnography", "longitudinal", "counterfactual",
            "randomised", "cohort", "baseline", "theory of change", "logframe", "regression",
            "hip hop", "graffiti", "skateboarding", "boxing", "chess", "cricket", "basketball",
            "hackathon", "podcast", "comic books", "puppetry", "calligraphy", "pottery",
            "beekeeping", "gardening",
        ],
    },
    "fr": {
        "function": [
            "le", "la", "les", "de", "des", "du", "et", "à", "en", "pour", "dans", "sur", "par",
            "avec", "est", "sont", "un", "une", "qui", "que", "au", "aux", "ce", "cette", "ces",
            "leur", "leurs", "plus", "ont", "été", "entre", "ainsi", "également", "afin", "dont",
            "lors", "chez", "sans", "tout", "tous", "comme", "mais", "ou", "être", "il",
        ],
        "core": [
            *_SHARED_FR,
            "communauté", "jeunes", "résilience", "locale", "ville", "stratégie",
            "municipalité", "partenaires", "soutien", "extrémisme violent", "sociale", "public",
            "approche", "risque", "écoles", "police", "praticiens", "familles", "jeunesse",
            "formation", "gouvernement", "réseau", "coopération", "services", "projet",
            "atelier", "éducation", "confiance", "sécurité", "capacités", "société civile",
            "acteurs", "politique", "mise en œuvre", "cadre", "résultats", "activités",
            "groupes", "en ligne", "sensibilisation", "vulnérables", "expérience", "défis",
            "développement", "santé", "santé mentale", "habitants", "quartier", "responsables",
            "femmes", "religieux", "données", "suivi", "plan", "action", "réponse", "nationale",
            "internationale", "niveau", "facteurs", "rapport", "recherche", "sport", "culture",
            "cohésion", "délinquance", "intégration", "emploi", "enseignants", "parents",
            "médias", "numérique", "recommandations", "enseignements", "financement",
            "bonnes pratiques", "alerte précoce", "pluridisciplinaire",
        ],
        "mid": [
            "orientation", "mentorat", "évaluation", "travailleurs sociaux",
            "discours de haine en ligne", "polarisation", "désengagement", "réinsertion",
            "réhabilitation", "déradicalisation", "contre-discours", "programme de sortie",
            "prisons", "probation", "revenants", "combattants étrangers", "crimes de haine",
            "extrême droite", "djihadiste", "propagande extrémiste", "théories du complot",
            "mésinformation", "désinformation", "jeux vidéo", "psychosocial", "victimes",
            "survivants", "mémoire", "interreligieux", "mosquée", "église", "synagogue",
            "football", "théâtre", "musique", "bénévoles", "pairs éducateurs", "modèles",
            "récits", "esprit critique", "éducation aux médias", "décrochage", "chômage",
            "marginalisation", "discriminations", "racisme", "antisémitisme", "islamophobie",
            "genre", "masculinité", "filles", "migrants", "réfugiés", "asile", "diaspora",
            "frontière", "rural", "banlieues", "logement", "maisons de jeunes",
            "clubs sportifs", "éducateurs de rue", "numéro vert", "suivi individualisé",
            "évaluation des risques", "partage d'informations", "protection de l'enfance",
            "facteurs de protection", "griefs", "identité", "appartenance",
        ],
        "rare": [
            "accélérationnisme", "masculinisme", "écofascisme", "souverainistes", "harcèlement",
            "diffusion en direct", "manifeste", "acteur isolé", "attaque au couteau",
            "voiture-bélier", "incendie", "récidive", "libération conditionnelle", "foyer",
            "tatouage", "biométrie", "géolocalisation", "dialogueurs",
            "amplification algorithmique", "hypertrucage", "messagerie chiffrée",
            "financement participatif", "cryptomonnaie", "madrassa", "internat", "orphelinat",
            "amnistie", "trêve", "cessez-le-feu", "milice", "piraterie", "enlèvement", "rançon",
            "trafic", "contrebande", "désert", "archipel", "pêcheurs", "nomades", "éleveurs",
            "sécheresse", "inondations", "séisme", "pandémie", "confinement", "vaccination",
            "médiateur", "lanceur d'alerte", "auditeur", "marchés publics", "appel d'offres",
            "facture", "tableur", "tableau de bord", "questionnaire", "groupe de discussion",
            "ethnographie", "longitudinale", "contrefactuel", "randomisé", "cohorte",
            "théorie du changement", "cadre logique", "échantillonnage", "régression", "rap",
            "graffiti", "skateboard", "boxe", "échecs", "basket", "hackathon", "balado",
            "bandes dessinées", "marionnettes", "calligraphie", "poterie", "apiculture",
            "jardinage",
        ],
    },
    "ar": {
        "function": [
            "في", "من", "على", "إلى", "عن", "مع", "و", "أن", "التي", "الذي", "هذا", "هذه",
            "كما", "بين", "خلال", "أو", "لا", "قد", "كان", "كانت", "ذلك", "تلك", "حيث", "عند",
            "بعد", "قبل", "حول", "ضمن", "لدى", "أيضا", "جميع", "كل", "نحو", "عبر", "منذ",
        ],
        "core": [
            "الوقاية", "المجتمع", "الشباب", "العنف", "التطرف", "البرنامج", "التدخل", "التنسيق",
            "المشاركين", "الحوار", "الإدماج", "المؤسسات", "الصمود", "المحلي", "المدينة",
            "الاستراتيجية", "البلدية", "الشركاء", "الدعم", "التطرف العنيف", "الاجتماعي",
            "العام", "النهج", "المخاطر", "المدارس", "الشرطة", "الممارسين", "الأسر", "التدريب",
            "الحكومة", "الشبكة", "التعاون", "الخدمات", "المشروع", "ورشة عمل", "التعليم",
            "الثقة", "السلامة", "الأمن", "المشاركة", "القدرات", "المجتمع المدني",
            "أصحاب المصلحة", "السياسات", "التنفيذ", "الإطار", "النتائج", "الأنشطة",
            "المجموعات", "الإنترنت", "التوعية", "الفئات الهشة", "التجربة", "التحديات",
            "التنمية", "الصحة", "الصحة النفسية", "السكان", "الحي", "القادة", "النساء",
            "الديني", "البيانات", "الرصد", "الخطة", "العمل", "الاستجابة", "الوطني", "الدولي",
            "المستوى", "العوامل", "التقرير", "البحث", "الرياضة", "الثقافة", "التماسك",
            "الجريمة", "الاندماج", "التوظيف", "المعلمين", "الآباء", "الإعلام", "التواصل",
            "الرقمي", "التوصيات", "الدروس المستفادة", "التمويل", "الممارسات الجيدة",
            "الإنذار المبكر", "متعدد القطاعات",
        ],
        "mid": [
            "الإحالة", "الإرشاد", "التقييم", "الأخصائيين الاجتماعيين",
            "خطاب الكراهية عبر الإنترنت", "الاستقطاب", "فك الارتباط", "إعادة الإدماج",
            "إعادة التأهيل", "نزع التطرف", "السرديات المضادة", "برنامج الخروج", "السجون",
            "المراقبة القضائية", "العائدين", "المقاتلين الأجانب", "جرائم الكراهية",
            "اليمين المتطرف", "الجهادي", "الدعاية المتطرفة", "نظريات المؤامرة",
            "المعلومات المضللة", "التضليل", "الألعاب الإلكترونية", "النفسي الاجتماعي",
            "الضحايا", "الناجين", "الذاكرة", "الأديان", "المسجد", "الكنيسة", "كرة القدم",
            "الفنون", "المسرح", "الموسيقى", "المتطوعين", "الأقران", "القدوة", "رواية القصص",
            "التفكير النقدي", "التربية الإعلامية", "التسرب المدرسي", "البطالة", "التهميش",
            "التمييز", "العنصرية", "معاداة السامية", "الإسلاموفوبيا", "النوع الاجتماعي",
            "الرجولة", "الفتيات", "المهاجرين", "اللاجئين", "اللجوء", "الجاليات", "الحدود",
            "الريفية", "الضواحي", "السكن", "مراكز الشباب", "الأندية الرياضية",
            "العاملين الميدانيين", "الخط الساخن", "إدارة الحالات", "تقييم المخاطر",
            "تبادل المعلومات", "حماية الطفل", "عوامل الحماية", "المظالم", "الهوية", "الانتماء",
        ],
        "rare": [
            "التسارعية", "الانعزاليين", "الفاشية البيئية", "التشهير", "البث المباشر", "البيان",
            "الذئب المنفرد", "الطعن", "الدهس", "الحرق العمد", "العود", "الإفراج المشروط",
            "دار الإيواء", "الوشم", "القياسات الحيوية", "تحديد الموقع", "روبوتات الدردشة",
            "التضخيم الخوارزمي", "التزييف العميق", "الرسائل المشفرة", "التمويل الجماعي",
            "العملات المشفرة", "الحوالة", "المدرسة الداخلية", "دار الأيتام", "العفو",
            "الهدنة", "وقف إطلاق النار", "الميليشيات", "القرصنة", "الاختطاف", "الفدية",
            "الاتجار", "التهريب", "الصحراء", "الأرخبيل", "الصيادين", "الرحل", "الرعاة",
            "الجفاف", "الفيضانات", "الزلزال", "الجائحة", "الحجر الصحي", "التطعيم",
            "أمين المظالم", "المبلغين", "المدقق", "المشتريات", "المناقصة", "الفاتورة",
            "جدول البيانات", "لوحة المتابعة", "الاستبيان", "مجموعة النقاش", "الإثنوغرافيا",
            "الطولية", "المجموعة الضابطة", "العشوائية", "الأفواج", "خط الأساس",
            "نظرية التغيير", "الإطار المنطقي", "أخذ العينات", "الانحدار", "الهيب هوب",
            "الجرافيتي", "التزلج", "الملاكمة", "الشطرنج", "كرة السلة", "الهاكاثون",
            "البودكاست", "القصص المصورة", "الدمى", "الخط العربي", "الفخار", "تربية النحل",
            "البستنة",
        ],
    },
}  # fmt: skip

# Subjects of titles: (English, French, Arabic).
TOPICS: Final[list[tuple[str, str, str]]] = [
    (
        "preventing youth radicalisation",
        "prévenir la radicalisation des jeunes",
        "الوقاية من تطرف الشباب",
    ),
    ("online hate speech", "discours de haine en ligne", "خطاب الكراهية عبر الإنترنت"),
    ("referral mechanisms", "dispositifs d'orientation", "آليات الإحالة"),
    (
        "mentoring young people at risk",
        "mentorat des jeunes en situation de risque",
        "إرشاد الشباب المعرضين للخطر",
    ),
    ("community resilience", "résilience des communautés", "صمود المجتمعات"),
    ("multi-agency cooperation", "coopération pluridisciplinaire", "التعاون متعدد القطاعات"),
    ("schools and violent extremism", "écoles et extrémisme violent", "المدارس والتطرف العنيف"),
    (
        "the role of social workers",
        "le rôle des travailleurs sociaux",
        "دور الأخصائيين الاجتماعيين",
    ),
    ("police and community trust", "police et confiance des habitants", "الشرطة وثقة المجتمع"),
    ("reintegration of returnees", "réinsertion des revenants", "إعادة إدماج العائدين"),
    ("exit programmes", "programmes de sortie", "برامج الخروج"),
    ("polarisation in cities", "polarisation dans les villes", "الاستقطاب في المدن"),
    ("mental health and extremism", "santé mentale et extrémisme", "الصحة النفسية والتطرف"),
    ("women in prevention", "les femmes dans la prévention", "دور النساء في الوقاية"),
    ("sport for inclusion", "le sport pour l'inclusion", "الرياضة من أجل الإدماج"),
    ("countering disinformation", "lutter contre la désinformation", "مكافحة التضليل"),
    ("conspiracy theories", "théories du complot", "نظريات المؤامرة"),
    ("local prevention networks", "réseaux locaux de prévention", "الشبكات المحلية للوقاية"),
    (
        "evaluation of prevention programmes",
        "évaluation des programmes de prévention",
        "تقييم برامج الوقاية",
    ),
    ("far-right extremism", "extrémisme d'extrême droite", "تطرف اليمين المتطرف"),
    ("interfaith dialogue", "dialogue interreligieux", "الحوار بين الأديان"),
    ("hate crime victims", "victimes de crimes de haine", "ضحايا جرائم الكراهية"),
    ("media literacy in schools", "éducation aux médias à l'école", "التربية الإعلامية في المدارس"),
    ("early warning and response", "alerte précoce et réponse", "الإنذار المبكر والاستجابة"),
    ("family support", "soutien aux familles", "دعم الأسر"),
    ("prisons and probation", "prisons et probation", "السجون والمراقبة القضائية"),
    ("migrants and refugees", "migrants et réfugiés", "المهاجرون واللاجئون"),
    ("gaming platforms", "plateformes de jeux vidéo", "منصات الألعاب الإلكترونية"),
    ("youth participation", "participation des jeunes", "مشاركة الشباب"),
    (
        "municipal prevention strategy",
        "stratégie municipale de prévention",
        "الاستراتيجية البلدية للوقاية",
    ),
    (
        "information sharing and data protection",
        "partage d'informations et protection des données",
        "تبادل المعلومات وحماية البيانات",
    ),
    ("risk assessment tools", "outils d'évaluation des risques", "أدوات تقييم المخاطر"),
    (
        "civil society partnerships",
        "partenariats avec la société civile",
        "الشراكات مع المجتمع المدني",
    ),
    ("rural communities", "communautés rurales", "المجتمعات الريفية"),
    ("counter-narratives", "contre-discours", "السرديات المضادة"),
    ("social cohesion", "cohésion sociale", "التماسك الاجتماعي"),
    ("street work", "travail de rue", "العمل الميداني"),
    ("critical thinking", "esprit critique", "التفكير النقدي"),
]

KIND_LABELS: Final[dict[str, tuple[str, str, str]]] = {
    "local_action_plan": ("Local action plan", "Plan d'action local", "خطة العمل المحلية"),
    "evaluation": ("Evaluation", "Évaluation", "تقييم"),
    "strategy": ("Strategy", "Stratégie", "استراتيجية"),
    "research": ("Research", "Recherche", "بحث"),
    "case_study": ("Case study", "Étude de cas", "دراسة حالة"),
    "toolkit": ("Toolkit", "Boîte à outils", "دليل عملي"),
    "training_material": ("Training material", "Support de formation", "مواد تدريبية"),
    "report": ("Report", "Rapport", "تقرير"),
    "other": ("Note", "Note", "مذكرة"),
}

# {kind}, {topic}, {city}, {year}
TITLE_TEMPLATES: Final[dict[str, list[str]]] = {
    "en": [
        "{kind}: {topic} in {city}",
        "{kind} on {topic} ({city}, {year})",
        "{topic} — {kind}, {city}",
        "{city}: {topic}",
    ],
    "fr": [
        "{kind} : {topic} à {city}",
        "{kind} sur {topic} ({city}, {year})",
        "{topic} — {kind}, {city}",
        "{city} : {topic}",
    ],
    "ar": [
        "{kind}: {topic} في {city}",
        "{kind} حول {topic} ({city}، {year})",
        "{topic} — {kind}، {city}",
        "{city}: {topic}",
    ],
}

PUBLISHERS: Final[list[str]] = [
    "Strong Cities Network",
    "City Council",
    "Municipal Prevention Unit",
    "Ministry of the Interior",
    "Institute for Strategic Dialogue",
    "Radicalisation Awareness Network",
    "UNDP",
    "Local Youth Services",
    "University research group",
    "Community Foundation",
    "Observatoire local de la prévention",
    "Centre de prévention de la radicalisation",
    "مرصد الوقاية المحلي",
    "المجلس البلدي",
    "",
]
