"""Module: individual interventions — referral, multi-agency case work, safeguarding, and when
to step back.

Written for the hub, for frontline practitioners (teachers, youth and social workers, police).
It describes practice in general terms: each city's referral pathway, consent rules and
information-sharing law differ, and the readings say so. The people in the scenario are invented.
"""

from __future__ import annotations

from typing import Any

from ._text import html, t

MODULE: dict[str, Any] = {
    "slug": "individual-interventions",
    "position": 2,
    "estimated_minutes": 75,
    "themes": [
        "individual-interventions",
        "referral-mechanisms",
        "multi-agency-approaches",
        "pve-in-schools",
    ],
    "title": t(
        "Individual interventions",
        "Interventions individuelles",
        "التدخلات الفردية",
    ),
    "summary": t(
        "What a frontline practitioner does when they are worried about a young person: "
        "recognising concern without profiling, the referral pathway and consent, multi-agency "
        "case work and information sharing, safeguarding, and knowing when to step back and "
        "hand over.",
        "Ce que fait un professionnel de terrain lorsqu'il s'inquiète pour un jeune : "
        "reconnaître une préoccupation sans profiler, le circuit d'orientation et le "
        "consentement, le travail multi-agences et le partage d'informations, la protection, "
        "et savoir quand se retirer et passer le relais.",
        "ما يفعله الممارس الميداني حين يقلق على شاب أو شابة: التعرّف على دواعي القلق دون "
        "تنميط، ومسار الإحالة والموافقة، والعمل المشترك بين الجهات وتبادل المعلومات، "
        "والحماية، ومعرفة متى يتنحّى ويسلّم المهمة لغيره.",
    ),
    "lessons": [
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b01",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Recognising concern without profiling",
                "Reconnaître une préoccupation sans profiler",
                "التعرّف على دواعي القلق دون تنميط",
            ),
            "body": t(
                html(
                    "<p>There is no reliable profile of a person who will move towards violent "
                    "extremism. Religion, ethnicity, nationality, political opinions, dress or a "
                    "neighbourhood are not signs of risk, and treating them as signs harms young "
                    "people and the trust that prevention depends on.</p>",
                    "<h2>Look at change and behaviour</h2>",
                    "<p>What should make you pay attention is a change in a person, seen over "
                    "time, usually several things together:</p>",
                    "<ul>",
                    "<li>withdrawal from friends, family or activities they used to enjoy;</li>",
                    "<li>talk that justifies or celebrates violence against a group of "
                    "people;</li>",
                    "<li>an older person or online contact who isolates them, tells them to keep "
                    "secrets or asks them to prove themselves;</li>",
                    "<li>sharing material that calls for violence;</li>",
                    "<li>a crisis that leaves them looking for belonging or revenge: a loss, "
                    "exclusion, violence at home.</li>",
                    "</ul>",
                    "<h2>Concern is not suspicion</h2>",
                    "<p>Most young people who show some of these signs are going through "
                    "something else: grief, bullying, mental ill health, a family crisis. Your "
                    "role is not to decide whether someone is an extremist. It is to notice, to "
                    "talk with them, to write down what you saw and heard (facts, dates, their "
                    "words), and to share your concern through the route your organisation "
                    "has.</p>",
                    "<h2>Check yourself</h2>",
                    "<p>Ask: would I be worried if a young person from another background said "
                    "or did the same thing? If not, look again at what you have actually "
                    "observed.</p>",
                ),
                html(
                    "<p>Il n'existe pas de profil fiable de la personne qui se tournera vers "
                    "l'extrémisme violent. La religion, l'origine, la nationalité, les opinions "
                    "politiques, la tenue ou le quartier ne sont pas des signes de risque, et les "
                    "traiter comme tels nuit aux jeunes et à la confiance dont dépend la "
                    "prévention.</p>",
                    "<h2>Regarder les changements et les comportements</h2>",
                    "<p>Ce qui doit attirer votre attention, c'est un changement chez une "
                    "personne, observé dans la durée, en général plusieurs éléments à la "
                    "fois :</p>",
                    "<ul>",
                    "<li>un repli loin des amis, de la famille ou d'activités qu'elle "
                    "aimait ;</li>",
                    "<li>des propos qui justifient ou glorifient la violence contre un groupe de "
                    "personnes ;</li>",
                    "<li>une personne plus âgée ou un contact en ligne qui l'isole, lui demande "
                    "de garder des secrets ou de faire ses preuves ;</li>",
                    "<li>le partage de contenus appelant à la violence ;</li>",
                    "<li>une crise qui la pousse à chercher une appartenance ou une revanche : "
                    "un deuil, une exclusion, des violences à la maison.</li>",
                    "</ul>",
                    "<h2>Une préoccupation n'est pas un soupçon</h2>",
                    "<p>La plupart des jeunes qui présentent certains de ces signes traversent "
                    "autre chose : un deuil, du harcèlement, un trouble psychique, une crise "
                    "familiale. Votre rôle n'est pas de décider si quelqu'un est extrémiste. Il "
                    "est de remarquer, de parler avec la personne, de noter ce que vous avez vu "
                    "et entendu (des faits, des dates, ses mots), et de faire part de votre "
                    "préoccupation par le circuit prévu dans votre structure.</p>",
                    "<h2>Vous interroger vous-même</h2>",
                    "<p>Demandez-vous : serais-je inquiet si un jeune d'un autre milieu disait ou "
                    "faisait la même chose ? Sinon, revenez à ce que vous avez réellement "
                    "observé.</p>",
                ),
                html(
                    "<p>لا توجد صورة نمطية موثوقة للشخص الذي سيتّجه نحو التطرف العنيف. فالدين "
                    "والأصل والجنسية والآراء السياسية واللباس والحيّ ليست علامات على الخطر، "
                    "ومعاملتها على هذا الأساس تؤذي الشباب وتقوّض الثقة التي تقوم عليها "
                    "الوقاية.</p>",
                    "<h2>انظر إلى التغيّر والسلوك</h2>",
                    "<p>ما ينبغي أن يلفت انتباهك هو تغيّر يطرأ على الشخص ويُلاحَظ مع مرور الوقت، "
                    "وعادةً ما تجتمع عدة أمور معًا:</p>",
                    "<ul>",
                    "<li>الانعزال عن الأصدقاء أو الأسرة أو أنشطة كان يحبّها؛</li>",
                    "<li>كلام يبرّر العنف ضد فئة من الناس أو يمجّده؛</li>",
                    "<li>شخص أكبر سنًّا أو جهة اتصال على الإنترنت تعزله، وتطلب منه كتمان "
                    "الأسرار أو إثبات نفسه؛</li>",
                    "<li>مشاركة مواد تدعو إلى العنف؛</li>",
                    "<li>أزمة تدفعه إلى البحث عن انتماء أو انتقام: فقدان عزيز، أو إقصاء، أو عنف "
                    "في البيت.</li>",
                    "</ul>",
                    "<h2>القلق ليس اشتباهًا</h2>",
                    "<p>معظم الشباب الذين تظهر عليهم بعض هذه العلامات يمرّون بشيء آخر: حزن، أو "
                    "تنمّر، أو اضطراب نفسي، أو أزمة عائلية. ليس دورك أن تحكم على أحد بأنه "
                    "متطرف، بل أن تلاحظ، وأن تتحدث معه، وأن تدوّن ما رأيته وسمعته (وقائع، "
                    "وتواريخ، وكلماته هو)، وأن تُبلغ عن قلقك عبر المسار المعتمد في "
                    "مؤسستك.</p>",
                    "<h2>راجِع نفسك</h2>",
                    "<p>اسأل نفسك: هل كنت سأقلق لو قال شاب من خلفية أخرى الشيء نفسه أو فعله؟ إن "
                    "كان الجواب لا، فعُد إلى ما لاحظته فعلاً.</p>",
                ),
            ),
        },
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b02",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "The referral pathway and consent",
                "Le circuit d'orientation et le consentement",
                "مسار الإحالة والموافقة",
            ),
            "body": t(
                html(
                    "<p>A referral passes a concern to people who can assess it and offer "
                    "support. Every city organises this differently; find out, before you need "
                    "it, what the pathway is in yours.</p>",
                    "<h2>A typical pathway</h2>",
                    "<ol>",
                    "<li><strong>Notice and record</strong>: what you saw and heard, when, and "
                    "who else was present.</li>",
                    "<li><strong>Talk to your organisation's lead</strong>: in a school, the "
                    "safeguarding or child protection lead; in a youth service, your "
                    "supervisor. Do not investigate alone.</li>",
                    "<li><strong>Check for immediate danger</strong>: if someone may be harmed "
                    "now, call the emergency services and child protection at once.</li>",
                    "<li><strong>Refer</strong>: the lead passes the concern to the "
                    "municipality's multi-agency panel or prevention coordinator, using the "
                    "agreed form.</li>",
                    "<li><strong>Assessment and support</strong>: the panel decides whether "
                    "support is needed and which agency offers it; often the answer is help "
                    "with something other than extremism.</li>",
                    "</ol>",
                    "<h2>Consent</h2>",
                    "<p>Support is voluntary in most prevention programmes, and it works better "
                    "when the person and, for a minor, their family understand and agree to it. "
                    "Explain honestly what you are worried about, what a referral means, who "
                    "will know, and what will happen next. Do not promise to keep a secret you "
                    "may have to share.</p>",
                    "<p>Where there is a risk of serious harm to the young person or to others, "
                    "the law in most countries allows or requires information to be shared "
                    "without consent. Your lead knows the local rules; record the decision and "
                    "the reason for it.</p>",
                ),
                html(
                    "<p>Une orientation transmet une préoccupation à des personnes capables de "
                    "l'évaluer et de proposer un soutien. Chaque ville l'organise à sa manière ; "
                    "renseignez-vous sur le circuit de la vôtre avant d'en avoir besoin.</p>",
                    "<h2>Un circuit type</h2>",
                    "<ol>",
                    "<li><strong>Remarquer et noter</strong> : ce que vous avez vu et entendu, "
                    "quand, et qui d'autre était présent.</li>",
                    "<li><strong>En parler au référent de votre structure</strong> : dans une "
                    "école, le référent protection de l'enfance ; dans un service jeunesse, "
                    "votre responsable. N'enquêtez pas seul.</li>",
                    "<li><strong>Vérifier s'il y a un danger immédiat</strong> : si quelqu'un "
                    "risque d'être blessé maintenant, appelez sans attendre les secours et la "
                    "protection de l'enfance.</li>",
                    "<li><strong>Orienter</strong> : le référent transmet la préoccupation à la "
                    "cellule multi-agences de la municipalité ou au coordinateur de la "
                    "prévention, avec le formulaire convenu.</li>",
                    "<li><strong>Évaluation et soutien</strong> : la cellule décide si un "
                    "soutien est nécessaire et quel service le propose ; souvent, l'aide porte "
                    "sur tout autre chose que l'extrémisme.</li>",
                    "</ol>",
                    "<h2>Le consentement</h2>",
                    "<p>Dans la plupart des programmes de prévention, le soutien est volontaire, "
                    "et il fonctionne mieux quand la personne et, pour un mineur, sa famille le "
                    "comprennent et l'acceptent. Expliquez honnêtement ce qui vous inquiète, ce "
                    "que signifie une orientation, qui sera informé et ce qui va se passer. Ne "
                    "promettez pas de garder un secret que vous pourriez devoir partager.</p>",
                    "<p>Lorsqu'il existe un risque de préjudice grave pour le jeune ou pour "
                    "autrui, la loi de la plupart des pays permet ou impose de partager "
                    "l'information sans consentement. Votre référent connaît les règles locales ; "
                    "notez la décision et sa raison.</p>",
                ),
                html(
                    "<p>الإحالة تنقل دواعي القلق إلى أشخاص قادرين على تقييمها وتقديم الدعم. "
                    "وكل مدينة تنظّم ذلك بطريقتها؛ فتعرّف إلى المسار المعتمد في مدينتك قبل أن "
                    "تحتاج إليه.</p>",
                    "<h2>مسار نموذجي</h2>",
                    "<ol>",
                    "<li><strong>الملاحظة والتدوين</strong>: ما رأيته وسمعته، ومتى، ومَن كان "
                    "حاضرًا أيضًا.</li>",
                    "<li><strong>التحدث إلى المسؤول المختص في مؤسستك</strong>: في المدرسة، "
                    "المسؤول عن حماية الطفل؛ وفي خدمات الشباب، المشرف عليك. لا تحقّق "
                    "وحدك.</li>",
                    "<li><strong>التحقق من وجود خطر داهم</strong>: إذا كان أحد معرّضًا للأذى "
                    "الآن، فاتصل فورًا بخدمات الطوارئ وجهات حماية الطفل.</li>",
                    "<li><strong>الإحالة</strong>: ينقل المسؤول دواعي القلق إلى اللجنة متعددة "
                    "الجهات في البلدية أو إلى منسق الوقاية، باستخدام النموذج المتّفق "
                    "عليه.</li>",
                    "<li><strong>التقييم والدعم</strong>: تقرّر اللجنة إن كان الدعم لازمًا وأيّ "
                    "جهة تقدّمه؛ وكثيرًا ما يكون الدعم في أمر لا صلة له بالتطرف.</li>",
                    "</ol>",
                    "<h2>الموافقة</h2>",
                    "<p>الدعم طوعي في معظم برامج الوقاية، ويكون أنجع حين يفهمه الشخص، وأسرته إن "
                    "كان قاصرًا، ويوافقون عليه. اشرح بصدق ما يقلقك، وما تعنيه الإحالة، ومَن "
                    "سيعلم بها، وما الذي سيحدث بعد ذلك. ولا تَعِد بكتمان سرّ قد تضطر إلى "
                    "الإفصاح عنه.</p>",
                    "<p>حين يوجد خطر إلحاق أذى جسيم بالشاب أو بغيره، يجيز القانون في معظم البلدان "
                    "تبادل المعلومات دون موافقة أو يوجبه. والمسؤول المختص يعرف القواعد المحلية؛ "
                    "فدوِّن القرار وسببه.</p>",
                ),
            ),
        },
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b03",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Multi-agency case work and information sharing",
                "Travail multi-agences et partage d'informations",
                "العمل المشترك بين الجهات وتبادل المعلومات",
            ),
            "body": t(
                html(
                    "<p>No single agency sees the whole person. A school sees attendance and "
                    "friendships, a youth service sees free time, social services see the "
                    "family, health services see wellbeing, the police see risks to safety. "
                    "Multi-agency work, such as Denmark's SSP cooperation between social "
                    "services, schools and police, or a city's Local Prevention Network, puts "
                    "these views together around one plan.</p>",
                    "<h2>A case panel that works</h2>",
                    "<ul>",
                    "<li>A named coordinator and a regular meeting, with a record of decisions "
                    "and who does what by when.</li>",
                    "<li>One plan for the person, built with them and their family where "
                    "possible: education, mentoring, family support, health, "
                    "activities.</li>",
                    "<li>One lead professional whom the person knows, so they are not passed "
                    "from office to office.</li>",
                    "<li>A review date, and a clear point at which the case is closed.</li>",
                    "</ul>",
                    "<h2>Sharing information</h2>",
                    "<p>Share what is <strong>necessary</strong> for the purpose, "
                    "<strong>proportionate</strong> to the concern, <strong>accurate</strong> "
                    "and <strong>secure</strong>, with people who need it to help:</p>",
                    "<ul>",
                    "<li>facts and their source, kept apart from opinions;</li>",
                    "<li>not the names of classmates or other people who are not part of the "
                    "case;</li>",
                    "<li>through the agreed channel, not personal messaging apps or open email "
                    "lists;</li>",
                    "<li>with a record of what was shared, with whom and why.</li>",
                    "</ul>",
                    "<p>The police have a place at the table when there is a risk to safety, but "
                    "a panel led by welfare and education is more likely to be trusted by "
                    "families, and trust is what makes people accept support.</p>",
                ),
                html(
                    "<p>Aucun service ne voit la personne tout entière. L'école voit "
                    "l'assiduité et les amitiés, le service jeunesse les loisirs, les services "
                    "sociaux la famille, les services de santé le bien-être, la police les "
                    "risques pour la sécurité. Le travail multi-agences, comme la coopération "
                    "SSP au Danemark entre services sociaux, écoles et police, ou le réseau "
                    "local de prévention d'une ville, rassemble ces regards autour d'un seul "
                    "plan.</p>",
                    "<h2>Une cellule de suivi qui fonctionne</h2>",
                    "<ul>",
                    "<li>Un coordinateur désigné et une réunion régulière, avec un relevé des "
                    "décisions et de qui fait quoi, pour quand.</li>",
                    "<li>Un seul plan pour la personne, construit avec elle et sa famille "
                    "lorsque c'est possible : scolarité, mentorat, soutien familial, santé, "
                    "activités.</li>",
                    "<li>Un seul professionnel référent que la personne connaît, pour "
                    "qu'elle ne soit pas renvoyée de bureau en bureau.</li>",
                    "<li>Une date de révision, et un moment clair où le suivi prend fin.</li>",
                    "</ul>",
                    "<h2>Partager l'information</h2>",
                    "<p>Partagez ce qui est <strong>nécessaire</strong> au but poursuivi, "
                    "<strong>proportionné</strong> à la préoccupation, <strong>exact</strong> et "
                    "<strong>sécurisé</strong>, avec les personnes qui en ont besoin pour "
                    "aider :</p>",
                    "<ul>",
                    "<li>des faits et leur source, séparés des opinions ;</li>",
                    "<li>pas les noms de camarades ou d'autres personnes étrangères au "
                    "suivi ;</li>",
                    "<li>par le canal convenu, pas par messagerie personnelle ni par des listes "
                    "de diffusion ouvertes ;</li>",
                    "<li>en gardant trace de ce qui a été partagé, avec qui et pourquoi.</li>",
                    "</ul>",
                    "<p>La police a sa place autour de la table lorsqu'il existe un risque pour "
                    "la sécurité, mais une cellule pilotée par l'action sociale et "
                    "l'éducation inspire davantage confiance aux familles, et c'est la "
                    "confiance qui fait accepter un soutien.</p>",
                ),
                html(
                    "<p>لا ترى أيّ جهة بمفردها الشخص بكامله. فالمدرسة ترى الحضور والصداقات، "
                    "وخدمات الشباب ترى أوقات الفراغ، والخدمات الاجتماعية ترى الأسرة، والخدمات "
                    "الصحية ترى الصحة النفسية والجسدية، والشرطة ترى المخاطر على السلامة. "
                    "والعمل المشترك بين الجهات، مثل تعاون SSP في الدنمارك بين الخدمات "
                    "الاجتماعية والمدارس والشرطة، أو شبكة الوقاية المحلية في المدينة، يجمع هذه "
                    "الرؤى حول خطة واحدة.</p>",
                    "<h2>لجنة متابعة ناجحة</h2>",
                    "<ul>",
                    "<li>منسّق محدّد واجتماع منتظم، مع محضر بالقرارات وبمن يفعل ماذا ومتى.</li>",
                    "<li>خطة واحدة للشخص تُبنى معه ومع أسرته كلما أمكن: التعليم، والإرشاد، ودعم "
                    "الأسرة، والصحة، والأنشطة.</li>",
                    "<li>مختص واحد مسؤول يعرفه الشخص، حتى لا يُنقل من مكتب إلى آخر.</li>",
                    "<li>موعد للمراجعة، ونقطة واضحة تُغلق عندها الحالة.</li>",
                    "</ul>",
                    "<h2>تبادل المعلومات</h2>",
                    "<p>تبادَل ما هو <strong>ضروري</strong> للغرض، و<strong>متناسب</strong> مع "
                    "دواعي القلق، و<strong>دقيق</strong> و<strong>آمن</strong>، مع من يحتاجون "
                    "إليه لتقديم المساعدة:</p>",
                    "<ul>",
                    "<li>الوقائع ومصادرها، منفصلة عن الآراء؛</li>",
                    "<li>لا أسماء الزملاء أو غيرهم ممن ليسوا جزءًا من الحالة؛</li>",
                    "<li>عبر القناة المتّفق عليها، لا عبر تطبيقات المراسلة الشخصية أو قوائم "
                    "البريد المفتوحة؛</li>",
                    "<li>مع تدوين ما تمّ تبادله، ومع مَن، ولماذا.</li>",
                    "</ul>",
                    "<p>للشرطة مكانها على الطاولة حين يوجد خطر على السلامة، لكن اللجنة التي "
                    "تقودها جهات الرعاية الاجتماعية والتعليم أقرب إلى كسب ثقة الأسر، والثقة هي "
                    "ما يجعل الناس يقبلون الدعم.</p>",
                ),
            ),
        },
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b04",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Safeguarding, and knowing when to step back",
                "Protéger, et savoir quand se retirer",
                "الحماية، ومعرفة متى تتنحّى",
            ),
            "body": t(
                html(
                    "<p>Safeguarding means protecting a person from harm, including harm from "
                    "people who groom young people into violence, and also from the harm that "
                    "clumsy intervention can do: stigma, exclusion, a record that follows them, "
                    "a broken relationship with the one adult they trusted.</p>",
                    "<h2>Your part, and its limits</h2>",
                    "<ul>",
                    "<li>Stay the professional you are: a teacher keeps teaching, a youth worker "
                    "keeps the youth club open. Normal contact is protective.</li>",
                    "<li>Do not become an investigator, a therapist or a deradicalisation "
                    "mentor unless that is your trained role in the plan.</li>",
                    "<li>Do not contact the young person privately outside your role, for "
                    "example late at night on a personal phone.</li>",
                    "<li>Keep to the plan and report changes through the agreed channel.</li>",
                    "</ul>",
                    "<h2>When to step back or hand over</h2>",
                    "<ul>",
                    "<li>When the plan names another professional as the lead.</li>",
                    "<li>When the concern needs skills you do not have: mental health, family "
                    "violence, a criminal matter.</li>",
                    "<li>When your own involvement is making things worse, or you feel unsafe "
                    "or overwhelmed.</li>",
                    "<li>When the support is working and the case is closed: let the young "
                    "person move on without being watched.</li>",
                    "</ul>",
                    "<h2>Look after yourself</h2>",
                    "<p>This work can be heavy. Use supervision, talk to your lead, and "
                    "remember that handing over is not giving up: it is making sure the "
                    "young person gets the right help.</p>",
                ),
                html(
                    "<p>Protéger, c'est mettre une personne à l'abri d'un préjudice, y compris "
                    "celui que causent ceux qui entraînent des jeunes vers la violence, mais "
                    "aussi du préjudice que peut causer une intervention maladroite : la "
                    "stigmatisation, l'exclusion, un dossier qui la suit, la rupture avec le seul "
                    "adulte en qui elle avait confiance.</p>",
                    "<h2>Votre rôle, et ses limites</h2>",
                    "<ul>",
                    "<li>Restez le professionnel que vous êtes : l'enseignant continue "
                    "d'enseigner, l'animateur garde le club ouvert. Un contact normal "
                    "protège.</li>",
                    "<li>Ne devenez ni enquêteur, ni thérapeute, ni mentor de "
                    "désengagement, sauf si c'est votre rôle, pour lequel vous êtes formé, dans "
                    "le plan.</li>",
                    "<li>Ne contactez pas le jeune en privé en dehors de votre rôle, par exemple "
                    "tard le soir sur un téléphone personnel.</li>",
                    "<li>Tenez-vous au plan et signalez les changements par le canal convenu.</li>",
                    "</ul>",
                    "<h2>Quand se retirer ou passer le relais</h2>",
                    "<ul>",
                    "<li>Quand le plan désigne un autre professionnel comme référent.</li>",
                    "<li>Quand la situation demande des compétences que vous n'avez pas : santé "
                    "mentale, violences familiales, affaire pénale.</li>",
                    "<li>Quand votre implication aggrave la situation, ou que vous vous sentez en "
                    "danger ou dépassé.</li>",
                    "<li>Quand le soutien fonctionne et que le suivi est clos : laissez le jeune "
                    "avancer sans être surveillé.</li>",
                    "</ul>",
                    "<h2>Prendre soin de vous</h2>",
                    "<p>Ce travail peut être lourd. Appuyez-vous sur la supervision, parlez à "
                    "votre référent, et souvenez-vous que passer le relais n'est pas "
                    "abandonner : c'est faire en sorte que le jeune reçoive l'aide qui lui "
                    "convient.</p>",
                ),
                html(
                    "<p>الحماية تعني صون الشخص من الأذى، بما في ذلك أذى مَن يستدرجون الشباب نحو "
                    "العنف، وكذلك من الأذى الذي قد يُحدثه تدخّل أخرق: الوصم، والإقصاء، وملفّ "
                    "يلاحقه، وانقطاع العلاقة مع الراشد الوحيد الذي كان يثق به.</p>",
                    "<h2>دورك وحدوده</h2>",
                    "<ul>",
                    "<li>ابقَ المختصّ الذي أنت عليه: المعلّم يواصل التدريس، والعامل مع الشباب "
                    "يُبقي النادي مفتوحًا. فالتواصل الطبيعي يحمي.</li>",
                    "<li>لا تتحوّل إلى محقّق أو معالج نفسي أو مرشد لفكّ الارتباط بالتطرف، إلا إذا "
                    "كان ذلك دورك في الخطة وتلقّيت التدريب عليه.</li>",
                    "<li>لا تتواصل مع الشاب على انفراد خارج إطار دورك، كأن تراسله في ساعة متأخرة "
                    "من الليل على هاتفك الشخصي.</li>",
                    "<li>التزم بالخطة، وأبلغ عن أي تغيّر عبر القناة المتّفق عليها.</li>",
                    "</ul>",
                    "<h2>متى تتنحّى أو تسلّم المهمة</h2>",
                    "<ul>",
                    "<li>حين تسمّي الخطة مختصًا آخر مسؤولاً عن الحالة.</li>",
                    "<li>حين تحتاج الحالة إلى مهارات لا تملكها: الصحة النفسية، أو العنف الأسري، "
                    "أو مسألة جنائية.</li>",
                    "<li>حين يزيد تدخّلك الأمور سوءًا، أو تشعر بأنك غير آمن أو مُثقَل.</li>",
                    "<li>حين ينجح الدعم وتُغلق الحالة: دع الشاب يمضي في حياته دون أن يكون "
                    "مراقَبًا.</li>",
                    "</ul>",
                    "<h2>اعتنِ بنفسك</h2>",
                    "<p>قد يكون هذا العمل ثقيلاً. استعن بالإشراف المهني، وتحدّث إلى المسؤول "
                    "المختص، وتذكّر أن تسليم المهمة ليس تخلّيًا، بل هو ضمان لأن يحصل الشاب على "
                    "المساعدة المناسبة.</p>",
                ),
            ),
        },
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b05",
            "kind": "quiz",
            "minutes": 12,
            "title": t(
                "Check your understanding",
                "Vérifiez vos acquis",
                "تحقّق من فهمك",
            ),
            "body": t(
                "<p>Seven questions on the readings. You need 70% to pass, and you have three "
                "attempts; your best score counts.</p>",
                "<p>Sept questions sur les lectures. Il faut 70 % pour réussir, et vous avez "
                "trois tentatives ; votre meilleur score est retenu.</p>",
                "<p>سبعة أسئلة عن القراءات. تحتاج إلى 70% للنجاح، ولديك ثلاث محاولات، وتُحتسب "
                "أفضل نتيجة تحصل عليها.</p>",
            ),
            "quiz": {
                "pass_mark": 70,
                "max_attempts": 3,
                "questions": [
                    {
                        "kind": "single",
                        "text": t(
                            "Which of these, on its own, is a reason for concern?",
                            "Lequel de ces éléments est, à lui seul, un motif de préoccupation ?",
                            "أيٌّ مما يلي يُعدّ، بمفرده، داعيًا إلى القلق؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    "A student has started praying at school",
                                    "Un élève a commencé à prier à l'école",
                                    "بدأ طالب يصلّي في المدرسة",
                                ),
                                "feedback": t(
                                    "Religious practice is not a sign of risk; treating it as "
                                    "one is profiling.",
                                    "La pratique religieuse n'est pas un signe de risque ; la "
                                    "traiter comme tel, c'est du profilage.",
                                    "الممارسة الدينية ليست علامة على الخطر، ومعاملتها على هذا "
                                    "النحو تنميط.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "A student says an online contact has told him to keep "
                                    'their chats secret and to "prove himself"',
                                    "Un élève dit qu'un contact en ligne lui a demandé de garder "
                                    "leurs échanges secrets et de « faire ses preuves »",
                                    "يقول طالب إن جهة اتصال على الإنترنت طلبت منه كتمان "
                                    "محادثاتهما و«إثبات نفسه»",
                                ),
                                "feedback": t(
                                    "Yes: isolation, secrecy and a demand to prove oneself are "
                                    "signs of grooming, whatever the ideology.",
                                    "Oui : l'isolement, le secret et l'exigence de faire ses "
                                    "preuves sont des signes d'emprise, quelle que soit "
                                    "l'idéologie.",
                                    "صحيح: العزل والكتمان ومطالبته بإثبات نفسه علامات على "
                                    "الاستدراج، أيًّا كانت الأيديولوجيا.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "A student's family recently arrived from another country",
                                    "La famille d'un élève est arrivée récemment d'un autre pays",
                                    "وصلت أسرة طالب حديثًا من بلد آخر",
                                ),
                                "feedback": t(
                                    "Origin and nationality are not signs of risk.",
                                    "L'origine et la nationalité ne sont pas des signes de risque.",
                                    "الأصل والجنسية ليسا علامتين على الخطر.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            "You are worried about a young person. What is your first step?",
                            "Un jeune vous inquiète. Quelle est votre première démarche ?",
                            "يُقلقك أمر شاب. ما خطوتك الأولى؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    "Search his social media accounts to gather evidence",
                                    "Fouiller ses comptes sur les réseaux sociaux pour réunir "
                                    "des preuves",
                                    "تفتيش حساباته على وسائل التواصل لجمع الأدلة",
                                ),
                                "feedback": t(
                                    "Do not investigate alone; that is not your role and can "
                                    "do harm.",
                                    "N'enquêtez pas seul ; ce n'est pas votre rôle et cela peut "
                                    "nuire.",
                                    "لا تحقّق وحدك؛ فهذا ليس دورك وقد يُلحق الضرر.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "Write down what you saw and heard, and talk to your "
                                    "organisation's safeguarding lead",
                                    "Noter ce que vous avez vu et entendu, et en parler au "
                                    "référent protection de votre structure",
                                    "تدوين ما رأيته وسمعته، والتحدث إلى المسؤول عن الحماية في "
                                    "مؤسستك",
                                ),
                                "feedback": t(
                                    "Right: facts first, then the route your organisation has.",
                                    "Exact : d'abord les faits, puis le circuit prévu par votre "
                                    "structure.",
                                    "صحيح: الوقائع أولاً، ثم المسار المعتمد في مؤسستك.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Tell his classmates to keep an eye on him",
                                    "Demander à ses camarades de le surveiller",
                                    "الطلب من زملائه مراقبته",
                                ),
                                "feedback": t(
                                    "This spreads the concern, stigmatises him and puts other "
                                    "young people in a role that is not theirs.",
                                    "Cela répand l'inquiétude, le stigmatise et donne à "
                                    "d'autres jeunes un rôle qui n'est pas le leur.",
                                    "هذا ينشر القلق ويصمه، ويُلقي على شباب آخرين دورًا ليس دورهم.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            "A 15-year-old tells you something worrying and asks you to promise "
                            "not to tell anyone. What do you say?",
                            "Un jeune de 15 ans vous confie quelque chose d'inquiétant et vous "
                            "demande de promettre de n'en parler à personne. Que répondez-vous ?",
                            "يُخبرك فتى في الخامسة عشرة بأمر مقلق ويطلب منك أن تعده بألا "
                            "تُخبر أحدًا. بماذا تجيبه؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    '"I promise", so that he keeps talking to you',
                                    "« Je te le promets », pour qu'il continue à vous parler",
                                    "«أعدك»، كي يواصل الحديث معك",
                                ),
                                "feedback": t(
                                    "You may have to break that promise, and then you lose his "
                                    "trust when he needs it most.",
                                    "Vous risquez de devoir rompre cette promesse, et de perdre "
                                    "sa confiance au moment où il en a le plus besoin.",
                                    "قد تضطر إلى نقض هذا الوعد، فتخسر ثقته حين يكون في أمسّ "
                                    "الحاجة إليها.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "That you cannot promise secrecy, that you will only share "
                                    "what is needed to help him, and with whom",
                                    "Que vous ne pouvez pas promettre le secret, que vous ne "
                                    "partagerez que ce qui est nécessaire pour l'aider, et avec "
                                    "qui",
                                    "أنك لا تستطيع أن تعده بالكتمان، وأنك لن تُفصح إلا عمّا يلزم "
                                    "لمساعدته، ولمن",
                                ),
                                "feedback": t(
                                    "Yes: honest and respectful, and it keeps the door open.",
                                    "Oui : c'est honnête et respectueux, et cela laisse la "
                                    "porte ouverte.",
                                    "صحيح: هذا صادق ومحترم، ويُبقي الباب مفتوحًا.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Nothing, and call the police once he has left",
                                    "Rien, et appeler la police une fois qu'il est parti",
                                    "لا شيء، ثم الاتصال بالشرطة بعد مغادرته",
                                ),
                                "feedback": t(
                                    "Unless someone is in immediate danger, go to your "
                                    "safeguarding lead, and be honest with him.",
                                    "Sauf danger immédiat, adressez-vous à votre référent "
                                    "protection, et soyez honnête avec lui.",
                                    "ما لم يكن هناك خطر داهم، توجّه إلى المسؤول عن الحماية، "
                                    "وكن صادقًا معه.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "When may information be shared without the person's consent? "
                            "Choose all that apply.",
                            "Quand peut-on partager une information sans le consentement de "
                            "la personne ? Choisissez toutes les bonnes réponses.",
                            "متى يجوز تبادل المعلومات دون موافقة الشخص؟ اختر كل الإجابات الصحيحة.",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "When there is a risk of serious harm to the young person",
                                    "Lorsqu'il existe un risque de préjudice grave pour le jeune",
                                    "حين يوجد خطر إلحاق أذى جسيم بالشاب",
                                ),
                                "feedback": t(
                                    "Yes, following local law and your lead's advice, and "
                                    "recording why.",
                                    "Oui, selon la loi locale et l'avis de votre référent, en "
                                    "notant pourquoi.",
                                    "صحيح، وفق القانون المحلي ومشورة المسؤول المختص، مع تدوين "
                                    "السبب.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "When there is a risk of serious harm to others",
                                    "Lorsqu'il existe un risque de préjudice grave pour autrui",
                                    "حين يوجد خطر إلحاق أذى جسيم بالآخرين",
                                ),
                                "feedback": t(
                                    "Yes: the safety of others can justify sharing without "
                                    "consent.",
                                    "Oui : la sécurité d'autrui peut justifier un partage sans "
                                    "consentement.",
                                    "صحيح: قد تبرّر سلامة الآخرين تبادل المعلومات دون موافقة.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Whenever the family refuses support",
                                    "Chaque fois que la famille refuse un soutien",
                                    "كلما رفضت الأسرة الدعم",
                                ),
                                "feedback": t(
                                    "No: refusing voluntary support is the family's right, "
                                    "unless there is a serious risk.",
                                    "Non : refuser un soutien volontaire est le droit de la "
                                    "famille, sauf risque grave.",
                                    "لا: رفض الدعم الطوعي حقّ للأسرة، ما لم يوجد خطر جسيم.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "When colleagues in the staff room are curious",
                                    "Lorsque des collègues en salle des professeurs sont curieux",
                                    "حين يُبدي زملاء في غرفة المعلمين فضولهم",
                                ),
                                "feedback": t(
                                    "No: share only with those who need it to help.",
                                    "Non : ne partagez qu'avec ceux qui en ont besoin pour aider.",
                                    "لا: لا تُفصح إلا لمن يحتاج إلى المعلومة لتقديم المساعدة.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "What belongs in good information sharing within a case panel? "
                            "Choose all that apply.",
                            "Qu'est-ce qui relève d'un bon partage d'informations au sein d'une "
                            "cellule de suivi ? Choisissez toutes les bonnes réponses.",
                            "ما الذي يندرج في التبادل السليم للمعلومات داخل لجنة المتابعة؟ "
                            "اختر كل الإجابات الصحيحة.",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "Facts and their source, kept apart from opinions",
                                    "Des faits et leur source, séparés des opinions",
                                    "الوقائع ومصادرها، منفصلة عن الآراء",
                                ),
                                "feedback": t(
                                    "Yes: others must be able to tell what was seen from what "
                                    "was feared.",
                                    "Oui : les autres doivent pouvoir distinguer ce qui a été "
                                    "vu de ce qui est craint.",
                                    "صحيح: يجب أن يميّز الآخرون بين ما شوهد وما يُخشى منه.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "Only what is necessary and proportionate, through the "
                                    "agreed channel",
                                    "Seulement ce qui est nécessaire et proportionné, par le "
                                    "canal convenu",
                                    "ما هو ضروري ومتناسب فقط، عبر القناة المتّفق عليها",
                                ),
                                "feedback": t(
                                    "Yes, with a record of what was shared, with whom and why.",
                                    "Oui, en gardant trace de ce qui a été partagé, avec qui et "
                                    "pourquoi.",
                                    "صحيح، مع تدوين ما تمّ تبادله ومع مَن ولماذا.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Screenshots of the class group chat, with every "
                                    "classmate's name",
                                    "Des captures d'écran de la discussion de classe, avec le "
                                    "nom de chaque camarade",
                                    "لقطات شاشة من مجموعة دردشة الصف، بأسماء جميع الزملاء",
                                ),
                                "feedback": t(
                                    "No: people who are not part of the case should not be named.",
                                    "Non : les personnes étrangères au suivi ne doivent pas être "
                                    "nommées.",
                                    "لا: لا ينبغي ذكر أسماء أشخاص ليسوا جزءًا من الحالة.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Updates on a personal messaging app, because it is faster",
                                    "Des nouvelles sur une messagerie personnelle, parce que "
                                    "c'est plus rapide",
                                    "تحديثات عبر تطبيق مراسلة شخصي لأنه أسرع",
                                ),
                                "feedback": t(
                                    "No: use the secure, agreed channel.",
                                    "Non : utilisez le canal sécurisé convenu.",
                                    "لا: استخدم القناة الآمنة المتّفق عليها.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            "Why does a case plan name one lead professional?",
                            "Pourquoi un plan de suivi désigne-t-il un seul professionnel "
                            "référent ?",
                            "لماذا تسمّي خطة المتابعة مختصًا واحدًا مسؤولاً عن الحالة؟",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "So the young person has one person they know, rather than "
                                    "being passed from office to office",
                                    "Pour que le jeune ait une personne qu'il connaît, au lieu "
                                    "d'être renvoyé de bureau en bureau",
                                    "كي يكون للشاب شخص واحد يعرفه، بدلاً من أن يُنقل من مكتب إلى آخر",
                                ),
                                "feedback": t(
                                    "Yes: a stable relationship is much of what helps.",
                                    "Oui : une relation stable fait une grande partie de l'aide.",
                                    "صحيح: فالعلاقة المستقرة جزء كبير مما يساعد.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "So that the other agencies can stop sharing information",
                                    "Pour que les autres services puissent cesser de partager "
                                    "l'information",
                                    "كي تتوقف الجهات الأخرى عن تبادل المعلومات",
                                ),
                                "feedback": t(
                                    "No: the other agencies keep their part of the plan.",
                                    "Non : les autres services gardent leur part du plan.",
                                    "لا: تحتفظ الجهات الأخرى بدورها في الخطة.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Because the police must always lead",
                                    "Parce que la police doit toujours être référente",
                                    "لأن الشرطة يجب أن تتولّى القيادة دائمًا",
                                ),
                                "feedback": t(
                                    "No: the lead is whoever is best placed, most often in "
                                    "education, youth or social work.",
                                    "Non : le référent est la personne la mieux placée, le plus "
                                    "souvent dans l'éducation, la jeunesse ou le travail "
                                    "social.",
                                    "لا: المسؤول هو الأنسب لذلك، وغالبًا ما يكون من التعليم أو "
                                    "العمل مع الشباب أو العمل الاجتماعي.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "When should you step back or hand over? Choose all that apply.",
                            "Quand faut-il se retirer ou passer le relais ? Choisissez toutes "
                            "les bonnes réponses.",
                            "متى ينبغي أن تتنحّى أو تسلّم المهمة؟ اختر كل الإجابات الصحيحة.",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "When the concern needs skills you do not have, such as "
                                    "mental health support",
                                    "Quand la situation demande des compétences que vous n'avez "
                                    "pas, comme un soutien en santé mentale",
                                    "حين تحتاج الحالة إلى مهارات لا تملكها، مثل الدعم في مجال "
                                    "الصحة النفسية",
                                ),
                                "feedback": t(
                                    "Yes: handing over gets the young person the right help.",
                                    "Oui : passer le relais permet au jeune de recevoir l'aide "
                                    "qui lui convient.",
                                    "صحيح: تسليم المهمة يُوصل الشاب إلى المساعدة المناسبة.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "When the plan names another professional as the lead",
                                    "Quand le plan désigne un autre professionnel comme référent",
                                    "حين تسمّي الخطة مختصًا آخر مسؤولاً عن الحالة",
                                ),
                                "feedback": t(
                                    "Yes: keep your normal role and let the lead lead.",
                                    "Oui : gardez votre rôle habituel et laissez le référent "
                                    "piloter.",
                                    "صحيح: حافظ على دورك المعتاد ودع المسؤول يتولّى القيادة.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "When the support has worked and the case is closed",
                                    "Quand le soutien a fonctionné et que le suivi est clos",
                                    "حين ينجح الدعم وتُغلق الحالة",
                                ),
                                "feedback": t(
                                    "Yes: let the young person move on without being watched.",
                                    "Oui : laissez le jeune avancer sans être surveillé.",
                                    "صحيح: دع الشاب يمضي في حياته دون أن يكون مراقَبًا.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Never: the person who raised the concern should follow "
                                    "the case to the end",
                                    "Jamais : la personne qui a exprimé la préoccupation doit "
                                    "suivre le cas jusqu'au bout",
                                    "أبدًا: على من أبلغ عن القلق أن يتابع الحالة حتى نهايتها",
                                ),
                                "feedback": t(
                                    "No: raising a concern does not make you the right person "
                                    "to handle all of it.",
                                    "Non : exprimer une préoccupation ne fait pas de vous la "
                                    "bonne personne pour tout prendre en charge.",
                                    "لا: الإبلاغ عن القلق لا يجعلك الشخص المناسب لتولّي كل شيء.",
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "key": "8d4e6b21-2f7c-4a90-b1d3-5c6e7f8a9b06",
            "kind": "scenario",
            "minutes": 15,
            "title": t(
                "Scenario: a teacher's concern",
                "Mise en situation : l'inquiétude d'une enseignante",
                "سيناريو: قلق معلّمة",
            ),
            "body": t(
                "<p>You are a secondary school teacher. Choose what you do at each step; each "
                "choice has consequences. You can play again to try another path.</p>",
                "<p>Vous êtes enseignante dans un collège-lycée. Choisissez ce que vous faites à "
                "chaque étape ; chaque choix a des conséquences. Vous pouvez rejouer pour "
                "essayer un autre chemin.</p>",
                "<p>أنتِ معلّمة في مدرسة ثانوية. اختاري ما تفعلينه في كل خطوة؛ فلكل خيار "
                "عواقبه. ويمكنك اللعب من جديد لتجرّبي مسارًا آخر.</p>",
            ),
            "scenario": {
                "start": "noticed",
                "steps": [
                    {
                        "key": "noticed",
                        "situation": t(
                            "Sami, 15, has been quiet and withdrawn for a month and has stopped "
                            "playing football with his friends. In a class discussion he said "
                            'that a group of people "deserve what\'s coming to them", and a '
                            "classmate shows you a video he posted on the class chat from a "
                            "channel that celebrates violence.",
                            "Sami, 15 ans, est silencieux et renfermé depuis un mois et ne joue "
                            "plus au football avec ses amis. Lors d'un débat en classe, il a dit "
                            "qu'un groupe de personnes « mérite ce qui va lui arriver », et un "
                            "camarade vous montre une vidéo qu'il a publiée dans la discussion "
                            "de classe, issue d'une chaîne qui glorifie la violence.",
                            "سامي، 15 عامًا، صامت ومنطوٍ على نفسه منذ شهر، وتوقّف عن لعب كرة "
                            "القدم مع أصدقائه. وفي نقاش داخل الصف قال إن فئة من الناس «تستحق ما "
                            "سيحلّ بها»، ويُريكِ أحد زملائه فيديو نشره في مجموعة دردشة الصف من "
                            "قناة تمجّد العنف.",
                        ),
                        "choices": [
                            {
                                "to": "conversation",
                                "score": 2,
                                "text": t(
                                    "Write down what you saw and heard, then find a quiet "
                                    "moment to talk with Sami privately.",
                                    "Noter ce que vous avez vu et entendu, puis trouver un "
                                    "moment calme pour parler seule à seul avec Sami.",
                                    "تدوين ما رأيتِه وسمعتِه، ثم إيجاد لحظة هادئة للحديث مع "
                                    "سامي على انفراد.",
                                ),
                                "feedback": t(
                                    "Facts first, and a conversation that treats him as a "
                                    "person, not a suspect.",
                                    "D'abord les faits, puis une conversation qui le traite "
                                    "comme une personne, pas comme un suspect.",
                                    "الوقائع أولاً، ثم حديث يعامله كإنسان لا كمشتبه به.",
                                ),
                            },
                            {
                                "to": "police_first",
                                "score": -2,
                                "text": t(
                                    "Call the police straight away.",
                                    "Appeler immédiatement la police.",
                                    "الاتصال بالشرطة فورًا.",
                                ),
                                "feedback": t(
                                    "Nothing suggests immediate danger; the school's "
                                    "safeguarding route comes first.",
                                    "Rien n'indique un danger immédiat ; le circuit de "
                                    "protection de l'école passe d'abord.",
                                    "لا شيء يدلّ على خطر داهم؛ فمسار الحماية في المدرسة يأتي أولاً.",
                                ),
                            },
                            {
                                "to": "weeks_later",
                                "score": -1,
                                "text": t(
                                    "Wait and see: teenagers say things.",
                                    "Attendre de voir : les adolescents disent des choses.",
                                    "الانتظار لمعرفة ما سيحدث: فالمراهقون يقولون أشياء كهذه.",
                                ),
                                "feedback": t(
                                    "Several changes together deserve attention, even if most "
                                    "turn out to be something else.",
                                    "Plusieurs changements à la fois méritent l'attention, "
                                    "même si la plupart relèvent d'autre chose.",
                                    "اجتماع عدة تغيّرات يستحق الانتباه، حتى لو تبيّن أن معظمها "
                                    "يعود إلى أمر آخر.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "police_first",
                        "situation": t(
                            "Two officers come to the school and question Sami in the head "
                            "teacher's office. His parents are called in and are angry that "
                            "no one spoke to them first. Sami stops talking to any of his "
                            "teachers.",
                            "Deux policiers viennent au collège et interrogent Sami dans le "
                            "bureau du principal. Ses parents sont convoqués et sont furieux que "
                            "personne ne leur ait parlé avant. Sami ne parle plus à aucun de ses "
                            "enseignants.",
                            "يحضر شرطيّان إلى المدرسة ويستجوبان سامي في مكتب المدير. ويُستدعى "
                            "والداه فيغضبان لأن أحدًا لم يتحدث إليهما أولاً. ويكفّ سامي عن "
                            "الحديث مع أيٍّ من معلّميه.",
                        ),
                        "choices": [
                            {
                                "to": "safeguarding_lead",
                                "score": 0,
                                "text": t(
                                    "Go to the school's safeguarding lead, acknowledge how it "
                                    "was handled, and ask how to involve the family properly.",
                                    "Aller voir le référent protection du collège, reconnaître "
                                    "la manière dont les choses ont été faites, et demander "
                                    "comment associer correctement la famille.",
                                    "التوجّه إلى المسؤول عن الحماية في المدرسة، والإقرار بالطريقة "
                                    "التي عولج بها الأمر، والسؤال عن كيفية إشراك الأسرة كما "
                                    "ينبغي.",
                                ),
                                "feedback": t(
                                    "You cannot undo the first step, but you can put the case "
                                    "back on the right route.",
                                    "Vous ne pouvez pas effacer la première démarche, mais vous "
                                    "pouvez remettre le suivi sur la bonne voie.",
                                    "لا يمكنك محو الخطوة الأولى، لكن يمكنك إعادة الحالة إلى "
                                    "المسار الصحيح.",
                                ),
                            },
                            {
                                "to": "harmful_end",
                                "score": -2,
                                "text": t(
                                    "Leave it to the police from now on.",
                                    "Laisser désormais l'affaire à la police.",
                                    "ترك الأمر للشرطة من الآن فصاعدًا.",
                                ),
                                "feedback": t(
                                    "Sami's needs are not a police matter alone, and no one is "
                                    "now offering him support.",
                                    "Les besoins de Sami ne relèvent pas de la seule police, et "
                                    "plus personne ne lui propose de soutien.",
                                    "احتياجات سامي ليست شأنًا للشرطة وحدها، ولم يعد أحد يقدّم "
                                    "له الدعم.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "conversation",
                        "situation": t(
                            "After class, Sami talks. His older brother lost his job, his father "
                            "is ill, and he feels no one at school cares. Online, he says, "
                            '"people listen to me". Then he asks you to promise you won\'t tell '
                            "anyone.",
                            "Après le cours, Sami se confie. Son frère aîné a perdu son emploi, "
                            "son père est malade, et il a l'impression que personne au collège "
                            "ne s'intéresse à lui. En ligne, dit-il, « des gens m'écoutent ». "
                            "Puis il vous demande de promettre de n'en parler à personne.",
                            "بعد الحصة يتكلم سامي. فقد خسر أخوه الأكبر عمله، ووالده مريض، "
                            "ويشعر بأن أحدًا في المدرسة لا يهتمّ به. ويقول إن «هناك أناسًا "
                            "يصغون إليّ» على الإنترنت. ثم يطلب منكِ أن تعديه بألا تُخبري أحدًا.",
                        ),
                        "choices": [
                            {
                                "to": "safeguarding_lead",
                                "score": 2,
                                "text": t(
                                    "Thank him, tell him you cannot promise secrecy, and "
                                    "explain that you will share what is needed with the "
                                    "school's safeguarding lead so he can get help.",
                                    "Le remercier, lui dire que vous ne pouvez pas promettre le "
                                    "secret, et expliquer que vous partagerez le nécessaire avec "
                                    "le référent protection du collège pour qu'il puisse être "
                                    "aidé.",
                                    "شكره، وإخباره بأنكِ لا تستطيعين أن تعديه بالكتمان، وشرح "
                                    "أنكِ ستُطلعين المسؤول عن الحماية في المدرسة على ما يلزم كي "
                                    "يحصل على المساعدة.",
                                ),
                                "feedback": t(
                                    "Honest and caring: he knows what will happen and why.",
                                    "Honnête et bienveillant : il sait ce qui va se passer et "
                                    "pourquoi.",
                                    "صادق ومهتمّ: فهو يعرف ما سيحدث ولماذا.",
                                ),
                            },
                            {
                                "to": "weeks_later",
                                "score": -1,
                                "text": t(
                                    "Promise, so that he keeps trusting you.",
                                    "Promettre, pour qu'il continue à vous faire confiance.",
                                    "الوعد، كي يبقى واثقًا بكِ.",
                                ),
                                "feedback": t(
                                    "A promise you may have to break puts you, and him, in a "
                                    "difficult position.",
                                    "Une promesse que vous devrez peut-être rompre vous met, "
                                    "lui et vous, dans une position difficile.",
                                    "الوعد الذي قد تضطرين إلى نقضه يضعكِ ويضعه في موقف صعب.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "weeks_later",
                        "situation": t(
                            "Three weeks pass. Sami has missed school twice. A classmate tells "
                            "you, worried, that an older man Sami talks to online says the "
                            'school is "the enemy" and has asked Sami to meet him and "prove '
                            'himself".',
                            "Trois semaines passent. Sami a manqué deux fois les cours. Un "
                            "camarade vous dit, inquiet, qu'un homme plus âgé avec qui Sami "
                            "parle en ligne présente le collège comme « l'ennemi » et lui a "
                            "demandé de le rencontrer pour « faire ses preuves ».",
                            "تمرّ ثلاثة أسابيع. تغيّب سامي عن المدرسة مرتين. ويُخبركِ زميل له، "
                            "وهو قلق، بأن رجلاً أكبر سنًّا يتحدث إليه سامي على الإنترنت يصف "
                            "المدرسة بأنها «العدو»، وطلب من سامي أن يلتقيه و«يُثبت نفسه».",
                        ),
                        "choices": [
                            {
                                "to": "safeguarding_lead",
                                "score": 1,
                                "text": t(
                                    "Go to the safeguarding lead today with what you know.",
                                    "Aller voir le référent protection aujourd'hui même avec ce "
                                    "que vous savez.",
                                    "التوجّه إلى المسؤول عن الحماية اليوم بما تعرفينه.",
                                ),
                                "feedback": t(
                                    "Late, but right: an adult isolating him and asking for a "
                                    "meeting is a safeguarding matter now.",
                                    "Tard, mais juste : un adulte qui l'isole et lui demande un "
                                    "rendez-vous, c'est désormais une question de protection.",
                                    "متأخر لكنه صائب: راشد يعزله ويطلب لقاءه، فهذه الآن مسألة "
                                    "حماية.",
                                ),
                            },
                            {
                                "to": "harmful_end",
                                "score": -2,
                                "text": t(
                                    "Handle it yourself: message Sami on your personal phone "
                                    "tonight and tell him to stop talking to the man.",
                                    "Vous en occuper vous-même : écrire ce soir à Sami sur votre "
                                    "téléphone personnel pour lui dire de cesser de parler à "
                                    "cet homme.",
                                    "معالجة الأمر بنفسكِ: مراسلة سامي الليلة من هاتفكِ الشخصي "
                                    "وطلب أن يكفّ عن التحدث إلى ذلك الرجل.",
                                ),
                                "feedback": t(
                                    "Alone, outside your role, with a risk of harm: no one who "
                                    "could protect him knows.",
                                    "Seule, hors de votre rôle, face à un risque de préjudice : "
                                    "personne qui pourrait le protéger n'est au courant.",
                                    "وحدكِ، وخارج إطار دوركِ، مع وجود خطر الأذى: لا أحد ممن "
                                    "يستطيعون حمايته يعلم بالأمر.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "safeguarding_lead",
                        "situation": t(
                            "The safeguarding lead, Mr Haddad, listens and reads your notes. He "
                            "checks whether anyone is in immediate danger, and decides that the "
                            "concern should go to the municipality's multi-agency panel. Sami's "
                            "parents are worried that a referral will label their son.",
                            "Le référent protection, M. Haddad, vous écoute et lit vos notes. "
                            "Il vérifie si quelqu'un est en danger immédiat, et décide que la "
                            "préoccupation doit être transmise à la cellule multi-agences de la "
                            "municipalité. Les parents de Sami craignent qu'une orientation "
                            "n'étiquette leur fils.",
                            "يُصغي المسؤول عن الحماية، الأستاذ حدّاد، ويقرأ ملاحظاتكِ. ويتحقّق "
                            "مما إذا كان أحد في خطر داهم، ثم يقرّر إحالة الأمر إلى اللجنة متعددة "
                            "الجهات في البلدية. ويخشى والدا سامي أن تُلصق الإحالة وصمة "
                            "بابنهما.",
                        ),
                        "choices": [
                            {
                                "to": "panel",
                                "score": 2,
                                "text": t(
                                    "Meet the parents and Sami with Mr Haddad: explain what "
                                    "the support is, that it is voluntary, what will be shared "
                                    "and with whom.",
                                    "Rencontrer les parents et Sami avec M. Haddad : expliquer "
                                    "en quoi consiste le soutien, qu'il est volontaire, ce qui "
                                    "sera partagé et avec qui.",
                                    "لقاء الوالدين وسامي مع الأستاذ حدّاد: شرح طبيعة الدعم، "
                                    "وأنه طوعي، وما الذي سيُتبادل من معلومات ومع مَن.",
                                ),
                                "feedback": t(
                                    "The family agrees. Understanding is what makes consent real.",
                                    "La famille accepte. C'est la compréhension qui rend le "
                                    "consentement réel.",
                                    "توافق الأسرة. فالفهم هو ما يجعل الموافقة حقيقية.",
                                ),
                            },
                            {
                                "to": "partial_end",
                                "score": -1,
                                "text": t(
                                    "Send the panel everything at once, including the class "
                                    "chat screenshots with classmates' names, without talking "
                                    "to the family.",
                                    "Envoyer tout d'un coup à la cellule, y compris les captures "
                                    "de la discussion de classe avec les noms des camarades, "
                                    "sans parler à la famille.",
                                    "إرسال كل شيء دفعة واحدة إلى اللجنة، بما في ذلك لقطات شاشة "
                                    "دردشة الصف بأسماء الزملاء، دون التحدث إلى الأسرة.",
                                ),
                                "feedback": t(
                                    "More than is necessary, and no attempt at consent where "
                                    "there was no immediate danger.",
                                    "Plus que nécessaire, et aucune recherche de consentement "
                                    "alors qu'il n'y avait pas de danger immédiat.",
                                    "أكثر مما يلزم، ودون أي سعي إلى الموافقة رغم عدم وجود خطر "
                                    "داهم.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "panel",
                        "situation": t(
                            "The panel (school, youth service, social worker, a health "
                            "professional and a police liaison officer) agrees a plan: a mentor "
                            "from the youth service as lead professional, support for the "
                            "family, and help with staying safe online. Six weeks later Sami is "
                            "attending again. He asks whether you could be his mentor instead.",
                            "La cellule (collège, service jeunesse, travailleuse sociale, un "
                            "professionnel de santé et un policier référent) convient d'un plan : "
                            "un mentor du service jeunesse comme référent, un soutien à la "
                            "famille, et une aide pour se protéger en ligne. Six semaines plus "
                            "tard, Sami revient en cours. Il vous demande si vous pourriez être "
                            "son mentor à la place.",
                            "تتّفق اللجنة (المدرسة، وخدمات الشباب، وأخصائية اجتماعية، ومختص "
                            "صحي، وضابط ارتباط من الشرطة) على خطة: مرشد من خدمات الشباب مسؤولاً "
                            "عن الحالة، ودعم للأسرة، ومساعدة على البقاء آمنًا على الإنترنت. وبعد "
                            "ستة أسابيع يعود سامي إلى الدوام، ويسألكِ إن كان بإمكانكِ أن تكوني "
                            "مرشدته بدلاً من ذلك.",
                        ),
                        "choices": [
                            {
                                "to": "good_end",
                                "score": 2,
                                "text": t(
                                    "Tell him warmly that you will stay his teacher and are "
                                    "glad to see him in class, that his mentor leads, and pass "
                                    "any new concern through Mr Haddad.",
                                    "Lui dire chaleureusement que vous restez son enseignante "
                                    "et que vous êtes contente de le voir en classe, que son "
                                    "mentor est le référent, et faire passer toute nouvelle "
                                    "inquiétude par M. Haddad.",
                                    "إخباره بمودّة بأنكِ ستبقين معلّمته وأنكِ سعيدة برؤيته في "
                                    "الصف، وأن مرشده هو المسؤول، وإيصال أي قلق جديد عبر الأستاذ "
                                    "حدّاد.",
                                ),
                                "feedback": t(
                                    "You keep the normal, protective relationship and respect "
                                    "the plan.",
                                    "Vous gardez une relation normale et protectrice, et vous "
                                    "respectez le plan.",
                                    "تحافظين على العلاقة الطبيعية الحامية وتحترمين الخطة.",
                                ),
                            },
                            {
                                "to": "partial_end",
                                "score": -1,
                                "text": t(
                                    "Agree, and start meeting him after school and messaging "
                                    "him in the evenings.",
                                    "Accepter, et commencer à le voir après les cours et à lui "
                                    "écrire le soir.",
                                    "الموافقة، والبدء بلقائه بعد الدوام ومراسلته في المساء.",
                                ),
                                "feedback": t(
                                    "Well meant, but outside your role and the plan, and it "
                                    "undermines the mentor.",
                                    "Bien intentionné, mais hors de votre rôle et du plan, et "
                                    "cela affaiblit le mentor.",
                                    "نيّة حسنة، لكنه خارج إطار دوركِ والخطة، ويُضعف دور المرشد.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "good_end",
                        "ending": "good",
                        "situation": t(
                            "Three months on, the panel reviews the case. Sami has stopped "
                            "contact with the man online, is back on the football team and "
                            "meets his mentor every week. The panel closes the case.",
                            "Trois mois plus tard, la cellule fait le point. Sami a rompu le "
                            "contact avec l'homme rencontré en ligne, a retrouvé sa place dans "
                            "l'équipe de football et voit son mentor chaque semaine. La cellule "
                            "clôt le suivi.",
                            "بعد ثلاثة أشهر تراجع اللجنة الحالة. فقد قطع سامي تواصله مع الرجل "
                            "على الإنترنت، وعاد إلى فريق كرة القدم، ويلتقي مرشده كل أسبوع. "
                            "وتُغلق اللجنة الحالة.",
                        ),
                        "debrief": t(
                            "Good practice. You noticed a change rather than a profile, recorded "
                            "facts, spoke honestly with Sami, used the school's safeguarding "
                            "route, helped the family give informed consent, and then stepped "
                            "back into your normal role so that the lead professional could "
                            "lead. Closing the case lets Sami move on without being watched.",
                            "Bonne pratique. Vous avez remarqué un changement plutôt qu'un "
                            "profil, noté des faits, parlé honnêtement avec Sami, utilisé le "
                            "circuit de protection du collège, aidé la famille à donner un "
                            "consentement éclairé, puis repris votre rôle habituel pour que le "
                            "référent puisse piloter. Clore le suivi permet à Sami d'avancer "
                            "sans être surveillé.",
                            "ممارسة جيدة. لاحظتِ تغيّرًا لا صورة نمطية، ودوّنتِ الوقائع، وتحدّثتِ "
                            "إلى سامي بصدق، واتّبعتِ مسار الحماية في المدرسة، وساعدتِ الأسرة على "
                            "إعطاء موافقة مستنيرة، ثم عدتِ إلى دوركِ المعتاد ليتولّى المسؤول عن "
                            "الحالة القيادة. وإغلاق الحالة يتيح لسامي أن يمضي في حياته دون أن "
                            "يكون مراقَبًا.",
                        ),
                    },
                    {
                        "key": "partial_end",
                        "ending": "partial",
                        "situation": t(
                            "Sami gets some support, but it is shakier than it could be: his "
                            "family is wary of the panel, or he is confused about who is "
                            "helping him, and you are carrying more than your share.",
                            "Sami reçoit un soutien, mais plus fragile qu'il ne pourrait l'être : "
                            "sa famille se méfie de la cellule, ou il ne sait plus bien qui "
                            "l'aide, et vous portez plus que votre part.",
                            "يحصل سامي على بعض الدعم، لكنه أضعف مما يمكن أن يكون: فأسرته "
                            "متوجّسة من اللجنة، أو هو مرتبك لا يعرف مَن يساعده، وأنتِ تحملين "
                            "أكثر من نصيبكِ.",
                        ),
                        "debrief": t(
                            "Partly good practice. The concern reached the right people, but "
                            "either information was shared beyond what was necessary and "
                            "without seeking consent, or you moved outside your role and the "
                            "plan. Share what is necessary and proportionate, work with the "
                            "family, and let the lead professional lead.",
                            "Pratique en partie bonne. La préoccupation est parvenue aux bonnes "
                            "personnes, mais soit l'information a été partagée au-delà du "
                            "nécessaire et sans rechercher le consentement, soit vous êtes "
                            "sortie de votre rôle et du plan. Partagez ce qui est nécessaire et "
                            "proportionné, travaillez avec la famille, et laissez le référent "
                            "piloter.",
                            "ممارسة جيدة جزئيًا. وصلت دواعي القلق إلى الأشخاص المناسبين، لكن "
                            "إمّا أن المعلومات تُبودلت بأكثر مما يلزم ودون السعي إلى الموافقة، "
                            "وإمّا أنكِ خرجتِ عن إطار دوركِ والخطة. تبادلي ما هو ضروري "
                            "ومتناسب، واعملي مع الأسرة، ودعي المسؤول عن الحالة يتولّى "
                            "القيادة.",
                        ),
                    },
                    {
                        "key": "harmful_end",
                        "ending": "harmful",
                        "situation": t(
                            "Sami stops coming to school. No agency is working with him or his "
                            "family, and the adults he might have trusted have either "
                            "frightened him or are acting alone, out of sight of anyone who "
                            "could protect him.",
                            "Sami ne vient plus au collège. Aucun service ne travaille avec lui "
                            "ni avec sa famille, et les adultes en qui il aurait pu avoir "
                            "confiance soit l'ont effrayé, soit agissent seuls, hors de la vue "
                            "de quiconque pourrait le protéger.",
                            "ينقطع سامي عن المدرسة. لا تعمل أي جهة معه أو مع أسرته، والراشدون "
                            "الذين كان يمكن أن يثق بهم إمّا أخافوه وإمّا يتصرّفون بمفردهم، بعيدًا "
                            "عن أعين من يستطيع حمايته.",
                        ),
                        "debrief": t(
                            "Harmful practice. Either the concern went straight to enforcement "
                            "without need, breaking trust with Sami and his family, or it was "
                            "kept out of the safeguarding route while the risk grew. Unless "
                            "someone is in immediate danger, go to your safeguarding lead, be "
                            "honest with the young person, and never handle a risk of harm "
                            "alone or through private channels.",
                            "Pratique néfaste. Soit la préoccupation est allée directement à la "
                            "police sans nécessité, brisant la confiance de Sami et de sa "
                            "famille, soit elle a été tenue à l'écart du circuit de protection "
                            "pendant que le risque grandissait. Sauf danger immédiat, "
                            "adressez-vous à votre référent protection, soyez honnête avec le "
                            "jeune, et ne gérez jamais seule un risque de préjudice, ni par des "
                            "canaux privés.",
                            "ممارسة ضارة. فإمّا أن دواعي القلق ذهبت مباشرة إلى الشرطة دون حاجة، "
                            "فانكسرت ثقة سامي وأسرته، وإمّا أنها أُبعدت عن مسار الحماية بينما "
                            "كان الخطر يتزايد. ما لم يكن هناك خطر داهم، توجّهي إلى المسؤول عن "
                            "الحماية، وكوني صادقة مع الشاب، ولا تعالجي أبدًا خطر الأذى وحدكِ أو "
                            "عبر قنوات خاصة.",
                        ),
                    },
                ],
            },
        },
    ],
}
