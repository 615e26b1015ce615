"""Demo content of the city profiles of `make run`: the demo accounts' cities, clearly marked.

Plain data (no Django): the profile, challenges and practices of Montréal and Mombasa, in
English, French and Arabic, each text starting with "DEMO". They describe the kind of work these
cities' programmes are known for in general terms; no figure, result or person in them is real,
and the seeding command (seed_demo_profiles) stores them as a publication by SCN staff so the
history, search and "cities like mine" work on them as on any profile.
"""

from __future__ import annotations

from typing import Any, Final

DEMO_MARK: Final = "DEMO — "


def _t(en: str, fr: str, ar: str) -> dict[str, str]:
    """The three languages of one text, marked; an empty text stays empty."""
    return {
        code: DEMO_MARK + text if text else ""
        for code, text in (("en", en), ("fr", fr), ("ar", ar))
    }


PROFILES: Final[dict[str, dict[str, Any]]] = {
    "montreal": {
        "source_language": "fr",
        "population_band": "1m_5m",
        "languages": ["fr", "en"],
        "contact_policy": "open",
        "overview": _t(
            "A large, diverse city that treats the prevention of radicalisation leading to "
            "violence as part of public safety and social development, with a dedicated "
            "prevention centre and close ties between City Hall, the police and community "
            "organisations.",
            "Une grande ville diverse qui aborde la prévention de la radicalisation menant à la "
            "violence comme une part de la sécurité publique et du développement social, avec "
            "un centre de prévention dédié et des liens étroits entre l'hôtel de ville, la "
            "police et les organismes communautaires.",
            "مدينة كبيرة ومتنوعة تتعامل مع الوقاية من التطرف المؤدي إلى العنف بوصفها جزءًا من "
            "الأمن العام والتنمية الاجتماعية، ولديها مركز متخصص في الوقاية وصلات وثيقة بين "
            "البلدية والشرطة ومنظمات المجتمع المحلي.",
        ),
        "approach": _t(
            "Prevention before security: early, voluntary support for young people and their "
            "families, training for frontline workers, and a helpline anyone can call for "
            "advice.",
            "La prévention avant la sécurité : un accompagnement précoce et volontaire des "
            "jeunes et de leur famille, la formation des intervenants de première ligne, et une "
            "ligne d'écoute que chacun peut appeler pour obtenir des conseils.",
            "الوقاية قبل الأمن: دعم مبكر وطوعي للشباب وأسرهم، وتدريب العاملين في الخطوط "
            "الأمامية، وخط هاتفي يمكن لأي شخص الاتصال به لطلب المشورة.",
        ),
        "challenges": [
            (
                _t(
                    "Polarisation online and hate speech targeting minorities.",
                    "La polarisation en ligne et les discours haineux visant les minorités.",
                    "الاستقطاب على الإنترنت وخطاب الكراهية الذي يستهدف الأقليات.",
                ),
                ["online-extreme-speech-polarisation", "hate-crime-hate-speech"],
            ),
            (
                _t(
                    "Young people drawn to violent groups of every kind.",
                    "Des jeunes attirés par des groupes violents de tous bords.",
                    "شباب تستقطبهم جماعات عنيفة من كل الاتجاهات.",
                ),
                ["youth-engagement", "drivers-of-radicalisation"],
            ),
        ],
        "practices": [
            {
                "name": "montreal-mentoring",
                "kind": "programme",
                "status": "running",
                "start_year": 2016,
                "evidence_level": "evaluated",
                "themes": ["mentoring", "youth-engagement", "individual-interventions"],
                "target_groups": ["young_people", "families"],
                "title": _t(
                    "Mentoring young people at risk",
                    "Mentorat des jeunes à risque",
                    "إرشاد الشباب المعرّضين للخطر",
                ),
                "summary": _t(
                    "Trained volunteer mentors meet a young person every week for a year, with "
                    "a social worker who follows the family.",
                    "Des mentors bénévoles formés rencontrent un jeune chaque semaine pendant un "
                    "an, avec une travailleuse sociale qui suit la famille.",
                    "يلتقي مرشدون متطوعون مدرَّبون بشاب كل أسبوع لمدة عام، مع أخصائية اجتماعية "
                    "تتابع الأسرة.",
                ),
                "partners": _t(
                    "Youth centres, school boards, the prevention centre.",
                    "Maisons de jeunes, centres de services scolaires, le centre de prévention.",
                    "مراكز الشباب، والهيئات المدرسية، ومركز الوقاية.",
                ),
                "results": _t(
                    "An internal evaluation (demo) found most mentored young people stayed in "
                    "school or training.",
                    "Une évaluation interne (démo) a constaté que la plupart des jeunes suivis "
                    "sont restés à l'école ou en formation.",
                    "وجد تقييم داخلي (تجريبي) أن معظم الشباب الذين حظوا بالإرشاد بقوا في "
                    "المدرسة أو التدريب.",
                ),
            },
            {
                "name": "montreal-helpline",
                "kind": "intervention",
                "status": "running",
                "start_year": 2015,
                "evidence_level": "monitored",
                "themes": ["referral-mechanisms", "multi-agency-approaches"],
                "target_groups": ["families", "practitioners"],
                "title": _t(
                    "Advice line for families and professionals",
                    "Ligne d'écoute pour les familles et les professionnels",
                    "خط استشارات للأسر والمهنيين",
                ),
                "summary": _t(
                    "A confidential line where parents, teachers and youth workers get advice "
                    "and, when needed, a referral to voluntary support.",
                    "Une ligne confidentielle où parents, enseignants et intervenants jeunesse "
                    "reçoivent des conseils et, au besoin, une orientation vers un "
                    "accompagnement volontaire.",
                    "خط سرّي يتلقى فيه الآباء والمعلمون والعاملون مع الشباب المشورة، "
                    "وإحالةً إلى دعم طوعي عند الحاجة.",
                ),
                "partners": _t(
                    "The city police, health services.",
                    "Le service de police, les services de santé.",
                    "شرطة المدينة، والخدمات الصحية.",
                ),
                "results": _t("", "", ""),
            },
        ],
    },
    "mombasa": {
        "source_language": "en",
        "population_band": "1m_5m",
        "languages": ["en", "sw"],
        "contact_policy": "open",
        "overview": _t(
            "A coastal county city with a young population, where the county government leads "
            "prevention through a local action plan written with communities, religious "
            "leaders and civil society.",
            "Une ville côtière de comté à la population jeune, où le gouvernement du comté "
            "pilote la prévention par un plan d'action local rédigé avec les communautés, les "
            "responsables religieux et la société civile.",
            "مدينة ساحلية تابعة لمقاطعة يغلب عليها الشباب، تقود فيها حكومة المقاطعة جهود "
            "الوقاية عبر خطة عمل محلية صيغت بالتعاون مع المجتمعات والقادة الدينيين والمجتمع "
            "المدني.",
        ),
        "approach": _t(
            "Community first: dialogue forums in every ward, mentoring and livelihoods for "
            "young people, and reintegration support agreed with families.",
            "D'abord la communauté : des forums de dialogue dans chaque quartier, du mentorat "
            "et des moyens de subsistance pour les jeunes, et un soutien à la réintégration "
            "convenu avec les familles.",
            "المجتمع أولًا: منتديات حوار في كل حي، وإرشاد وسبل عيش للشباب، ودعم لإعادة "
            "الإدماج يُتفق عليه مع الأسر.",
        ),
        "challenges": [
            (
                _t(
                    "Recruitment of young people by violent extremist groups.",
                    "Le recrutement de jeunes par des groupes extrémistes violents.",
                    "تجنيد الشباب من قبل جماعات متطرفة عنيفة.",
                ),
                ["youth-engagement", "drivers-of-radicalisation"],
            ),
            (
                _t(
                    "Mistrust between communities and law enforcement.",
                    "La méfiance entre les communautés et les forces de l'ordre.",
                    "انعدام الثقة بين المجتمعات وأجهزة إنفاذ القانون.",
                ),
                ["community-engagement-policing", "engagement-dialogue-forums"],
            ),
        ],
        "practices": [
            {
                "name": "mombasa-youth-mentoring",
                "kind": "programme",
                "status": "running",
                "start_year": 2018,
                "evidence_level": "independent",
                "themes": ["mentoring", "youth-engagement"],
                "target_groups": ["young_people"],
                "title": _t(
                    "Youth mentoring and livelihoods",
                    "Mentorat et moyens de subsistance pour les jeunes",
                    "إرشاد الشباب وسبل العيش",
                ),
                "summary": _t(
                    "Young people are paired with mentors from their ward and offered "
                    "vocational training; an independent evaluation (demo) looked at the "
                    "first two cohorts.",
                    "Des jeunes sont associés à des mentors de leur quartier et se voient "
                    "proposer une formation professionnelle ; une évaluation indépendante "
                    "(démo) a porté sur les deux premières cohortes.",
                    "يُقرن الشباب بمرشدين من أحيائهم ويُعرض عليهم تدريب مهني؛ وتناول تقييم "
                    "مستقل (تجريبي) الدفعتين الأوليين.",
                ),
                "partners": _t(
                    "County youth office, local training colleges, faith groups.",
                    "Le bureau de la jeunesse du comté, des instituts de formation locaux, des "
                    "groupes confessionnels.",
                    "مكتب الشباب في المقاطعة، ومعاهد التدريب المحلية، والجماعات الدينية.",
                ),
                "results": _t("", "", ""),
            },
            {
                "name": "mombasa-dialogue-forums",
                "kind": "programme",
                "status": "running",
                "start_year": 2017,
                "evidence_level": "described",
                "themes": ["engagement-dialogue-forums", "community-engagement-policing"],
                "target_groups": ["general_public", "police", "religious"],
                "title": _t(
                    "Ward dialogue forums with the police",
                    "Forums de dialogue de quartier avec la police",
                    "منتديات حوار في الأحياء مع الشرطة",
                ),
                "summary": _t(
                    "Monthly open meetings where residents, religious leaders and police "
                    "officers discuss local safety concerns.",
                    "Des réunions ouvertes mensuelles où habitants, responsables religieux et "
                    "policiers discutent des préoccupations locales de sécurité.",
                    "اجتماعات مفتوحة شهرية يناقش فيها السكان والقادة الدينيون وأفراد الشرطة "
                    "المخاوف الأمنية المحلية.",
                ),
                "partners": _t(
                    "County police command, interfaith council.",
                    "Le commandement de police du comté, le conseil interreligieux.",
                    "قيادة شرطة المقاطعة، والمجلس المشترك بين الأديان.",
                ),
                "results": _t("", "", ""),
            },
        ],
    },
}
