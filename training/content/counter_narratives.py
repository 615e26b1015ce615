"""Module: counter-narrative campaigns — designing, testing and evaluating a local campaign.

Written for the hub. What it says of the two youth campaigns (Washwasha in Saida, Farha Tayshe
in Tripoli) is only what the programme summary says (data/campaigns_and_networks.csv). The
people in the scenario are invented.
"""

from __future__ import annotations

from typing import Any

from ._text import html, t

MODULE: dict[str, Any] = {
    "slug": "counter-narrative-campaigns",
    "position": 1,
    "estimated_minutes": 75,
    "themes": [
        "counter-narrative-campaigns",
        "campaign-communications-design",
        "youth-engagement",
        "monitoring-and-evaluation",
    ],
    "title": t(
        "Counter-narrative campaigns",
        "Campagnes de contre-discours",
        "حملات الخطاب المضاد",
    ),
    "summary": t(
        "How a city and its young people design, test and evaluate a local campaign that offers "
        "a credible alternative to an extremist or hateful story: choosing an audience and a "
        "message, working with credible messengers, launching without doing harm, and telling "
        "reach from change.",
        "Comment une ville et ses jeunes conçoivent, testent et évaluent une campagne locale qui "
        "oppose une autre histoire, crédible, à un récit extrémiste ou haineux : choisir un public "
        "et un message, travailler avec des messagers crédibles, lancer la campagne sans nuire, "
        "et distinguer la portée du changement.",
        "كيف تصمّم مدينةٌ وشبابُها حملةً محلية ويختبرونها ويقيّمونها، لتقدّم بديلاً موثوقًا عن "
        "رواية متطرفة أو تحضّ على الكراهية: اختيار الجمهور والرسالة، والعمل مع ناقلي رسالة "
        "موثوقين، وإطلاق الحملة دون إلحاق الأذى، والتمييز بين مدى الانتشار والتغيير الفعلي.",
    ),
    "lessons": [
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f01",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Audience and message",
                "Public et message",
                "الجمهور والرسالة",
            ),
            "body": t(
                html(
                    "<p>A counter-narrative campaign does not try to win an argument with "
                    "extremists. It tries to change how a defined group of people thinks, feels "
                    "or acts about something an extremist or hateful story exploits: a grievance, "
                    "a stereotype, a sense that violence is normal or heroic.</p>",
                    "<h2>Start with one audience</h2>",
                    "<p>“The whole city” is not an audience. Describe the people you "
                    "want to reach precisely enough to find them and to talk to them before you "
                    "write a word:</p>",
                    "<ul>",
                    "<li><strong>Who</strong>: age, neighbourhood, the languages they use, where "
                    "they spend time online and offline.</li>",
                    "<li><strong>Where they stand</strong>: most campaigns speak to people who are "
                    "undecided or who quietly disagree but stay silent, not to committed "
                    "supporters of a violent group.</li>",
                    "<li><strong>What you want to change</strong>: one attitude or behaviour, "
                    "for example “young people in this district share and defend their "
                    "neighbours' stories instead of the rumour”.</li>",
                    "</ul>",
                    "<h2>A message that offers something</h2>",
                    "<p>Messages that only say “no” (no to hate, no to extremism) are "
                    "easy to ignore. Stronger messages offer an alternative: a story of belonging, "
                    "a role to play, a practical action. They answer the real grievance without "
                    "repeating the extremist's framing, and they sound like the audience, not "
                    "like an institution.</p>",
                    "<h2>Listen first</h2>",
                    "<p>Before designing, spend time with the audience: short conversations, a "
                    "youth worker's knowledge of the neighbourhood, what people share and "
                    "why. Write down, in their words, the story you want to answer and the story "
                    "you want to offer. That page is the brief for everything that follows.</p>",
                ),
                html(
                    "<p>Une campagne de contre-discours ne cherche pas à gagner un débat contre "
                    "des extrémistes. Elle cherche à changer ce qu'un groupe précis de "
                    "personnes pense, ressent ou fait à propos d'un thème qu'un récit "
                    "extrémiste ou haineux exploite : un grief, un stéréotype, l'idée que la "
                    "violence est normale ou héroïque.</p>",
                    "<h2>Partir d'un seul public</h2>",
                    "<p>« Toute la ville » n'est pas un public. Décrivez les personnes que "
                    "vous voulez atteindre assez précisément pour les trouver et leur parler "
                    "avant d'écrire un mot :</p>",
                    "<ul>",
                    "<li><strong>Qui</strong> : âge, quartier, langues parlées, lieux où elles "
                    "passent du temps, en ligne et hors ligne.</li>",
                    "<li><strong>Où elles en sont</strong> : la plupart des campagnes "
                    "s'adressent à des personnes indécises, ou en désaccord mais silencieuses, "
                    "et non aux partisans convaincus d'un groupe violent.</li>",
                    "<li><strong>Ce que vous voulez changer</strong> : une attitude ou un "
                    "comportement, par exemple « les jeunes de ce quartier partagent et défendent "
                    "les récits de leurs voisins plutôt que la rumeur ».</li>",
                    "</ul>",
                    "<h2>Un message qui propose quelque chose</h2>",
                    "<p>Les messages qui se contentent de dire « non » (non à la haine, non à "
                    "l'extrémisme) s'ignorent facilement. Les messages plus forts proposent "
                    "une autre voie : une histoire d'appartenance, un rôle à jouer, une action "
                    "concrète. Ils répondent au vrai grief sans reprendre les termes de "
                    "l'extrémiste, et ils parlent comme le public, pas comme une "
                    "institution.</p>",
                    "<h2>Écouter d'abord</h2>",
                    "<p>Avant de concevoir, passez du temps avec le public : de courtes "
                    "conversations, la connaissance du quartier qu'a un animateur jeunesse, ce "
                    "que les gens partagent et pourquoi. Écrivez, avec leurs mots, le récit "
                    "auquel vous voulez répondre et celui que vous voulez proposer. Cette page est "
                    "le cahier des charges de tout ce qui suit.</p>",
                ),
                html(
                    "<p>لا تسعى حملة الخطاب المضاد إلى كسب جدال مع المتطرفين، بل إلى تغيير ما "
                    "تفكّر فيه فئة محددة من الناس أو تشعر به أو تفعله إزاء أمرٍ تستغلّه رواية "
                    "متطرفة أو تحضّ على الكراهية: مظلوميةٌ ما، أو صورة نمطية، أو إحساس بأن العنف "
                    "أمر عادي أو بطولي.</p>",
                    "<h2>ابدأ بجمهور واحد</h2>",
                    "<p>«المدينة كلها» ليست جمهورًا. صِف الأشخاص الذين تريد الوصول إليهم بدقة "
                    "تكفي للعثور عليهم والتحدث معهم قبل أن تكتب كلمة واحدة:</p>",
                    "<ul>",
                    "<li><strong>مَن هم</strong>: العمر، والحيّ، واللغات التي يستخدمونها، والأماكن "
                    "التي يقضون فيها أوقاتهم على الإنترنت وخارجه.</li>",
                    "<li><strong>أين يقفون</strong>: تخاطب معظم الحملات المتردّدين، أو من يخالفون "
                    "الرأي لكنهم يلتزمون الصمت، لا المؤيدين الراسخين لجماعة عنيفة.</li>",
                    "<li><strong>ما الذي تريد تغييره</strong>: موقف واحد أو سلوك واحد، مثل "
                    "«أن يتناقل شباب هذا الحيّ قصص جيرانهم ويدافعوا عنها بدلاً من الشائعة».</li>",
                    "</ul>",
                    "<h2>رسالة تقدّم شيئًا</h2>",
                    "<p>الرسائل التي تكتفي بقول «لا» (لا للكراهية، لا للتطرف) يسهل تجاهلها. أمّا "
                    "الرسائل الأقوى فتقدّم بديلاً: قصة انتماء، أو دورًا يمكن أداؤه، أو عملاً "
                    "ملموسًا. وهي تجيب عن المظلومية الحقيقية دون أن تكرّر صياغة المتطرف، وتتكلم "
                    "بلغة الجمهور لا بلغة المؤسسات.</p>",
                    "<h2>أصغِ أولاً</h2>",
                    "<p>قبل التصميم، اقضِ وقتًا مع الجمهور: أحاديث قصيرة، ومعرفة العامل مع الشباب "
                    "بالحيّ، وما يتناقله الناس ولماذا. اكتب بكلماتهم الرواية التي تريد الردّ "
                    "عليها والرواية التي تريد تقديمها. هذه الصفحة هي الموجِّه لكل ما يلي.</p>",
                ),
            ),
        },
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f02",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Credible messengers and youth co-creation",
                "Messagers crédibles et co-création avec les jeunes",
                "ناقلو الرسالة الموثوقون والتصميم المشترك مع الشباب",
            ),
            "body": t(
                html(
                    "<p>Who speaks matters as much as what is said. A message from the town hall "
                    "can be true and still be dismissed; the same idea from a peer, a neighbour or "
                    "someone who lived the problem is often heard.</p>",
                    "<h2>Credible messengers</h2>",
                    "<ul>",
                    "<li>They belong to, or are respected by, the audience.</li>",
                    "<li>They speak from their own experience, in their own words.</li>",
                    "<li>They choose to take part, knowing the risks, and can stop at any "
                    "time.</li>",
                    "</ul>",
                    "<h2>Co-creation, not consultation</h2>",
                    "<p>Young people are not only an audience to be reached: they can own the "
                    "campaign. In the SCN's youth engagement work, young activists create "
                    "campaigns and share them with municipal leaders. Two examples from the "
                    "programme:</p>",
                    "<ul>",
                    "<li><strong>Washwasha (Whispers), Saida</strong>: a youth campaign that aims "
                    "to counter the negative stereotype of the Ain El-Hillweh Palestinian refugee "
                    "camp by setting up a media studio inside the camp, filming dialogue sessions "
                    "between refugees and non-Palestinian Lebanese and helping refugees tell their "
                    "own stories.</li>",
                    "<li><strong>Farha Tayshe (Stray Bullets Kill Joy), Tripoli</strong>: a "
                    "youth-developed social media campaign aimed at northern and rural areas, in "
                    "which actors re-enact a wedding turned tragic by celebratory gunfire, to "
                    "challenge gun culture. The Mayor of Tripoli met the team and endorsed the "
                    "campaign and its collaboration with the Tripoli Local Prevention "
                    "Network.</li>",
                    "</ul>",
                    "<p>Both start from something the young people know closely, and both let the "
                    "people concerned speak rather than speaking about them.</p>",
                    "<h2>The city's role</h2>",
                    "<p>The municipality can open doors, lend a room or a studio, connect the team "
                    "to the Local Prevention Network, and give public backing, as Tripoli's "
                    "mayor did, without taking the campaign over. Agree early who decides on "
                    "content, who signs off, and who supports the team if the campaign draws "
                    "hostility.</p>",
                ),
                html(
                    "<p>Qui parle compte autant que ce qui est dit. Un message de la mairie peut "
                    "être vrai et pourtant rejeté ; la même idée portée par un pair, un voisin ou "
                    "quelqu'un qui a vécu le problème est souvent entendue.</p>",
                    "<h2>Des messagers crédibles</h2>",
                    "<ul>",
                    "<li>Ils font partie du public, ou sont respectés par lui.</li>",
                    "<li>Ils parlent de leur propre expérience, avec leurs propres mots.</li>",
                    "<li>Ils choisissent de participer en connaissant les risques, et peuvent "
                    "arrêter à tout moment.</li>",
                    "</ul>",
                    "<h2>Co-créer, pas seulement consulter</h2>",
                    "<p>Les jeunes ne sont pas seulement un public à atteindre : ils peuvent être "
                    "les auteurs de la campagne. Dans le travail du SCN auprès des jeunes, de "
                    "jeunes militants créent des campagnes et les présentent aux responsables "
                    "municipaux. Deux exemples du programme :</p>",
                    "<ul>",
                    "<li><strong>Washwasha (Chuchotements), Saïda</strong> : une campagne de "
                    "jeunes qui vise à combattre le stéréotype négatif du camp de réfugiés "
                    "palestiniens d'Aïn el-Héloué ; un studio de médias installé dans le camp "
                    "filme des séances de dialogue entre réfugiés et Libanais non palestiniens et "
                    "aide les réfugiés à raconter leur propre histoire.</li>",
                    "<li><strong>Farha Tayshe (Les balles perdues tuent la joie), Tripoli</strong> "
                    ": une campagne sur les réseaux sociaux conçue par des jeunes et destinée aux "
                    "régions du nord et aux zones rurales ; des acteurs rejouent un mariage "
                    "transformé en drame par des tirs de célébration, pour remettre en cause la "
                    "culture des armes. Le maire de Tripoli a rencontré l'équipe et soutenu la "
                    "campagne et sa collaboration avec le réseau local de prévention de "
                    "Tripoli.</li>",
                    "</ul>",
                    "<p>Les deux partent de ce que les jeunes connaissent de près, et les deux "
                    "laissent parler les personnes concernées au lieu de parler à leur "
                    "place.</p>",
                    "<h2>Le rôle de la ville</h2>",
                    "<p>La municipalité peut ouvrir des portes, prêter une salle ou un studio, "
                    "mettre l'équipe en lien avec le réseau local de prévention et apporter un "
                    "soutien public, comme l'a fait le maire de Tripoli, sans s'approprier "
                    "la campagne. Convenez tôt de qui décide du contenu, qui valide, et qui "
                    "soutient l'équipe si la campagne suscite de l'hostilité.</p>",
                ),
                html(
                    "<p>مَن يتكلم لا يقلّ أهمية عمّا يُقال. قد تكون رسالة البلدية صحيحة ومع ذلك "
                    "تُرفض، بينما تلقى الفكرة نفسها آذانًا صاغية حين يحملها نظير أو جار أو شخص "
                    "عاش المشكلة بنفسه.</p>",
                    "<h2>ناقلو رسالة موثوقون</h2>",
                    "<ul>",
                    "<li>ينتمون إلى الجمهور أو يحظون باحترامه.</li>",
                    "<li>يتحدثون عن تجربتهم الخاصة وبكلماتهم.</li>",
                    "<li>يختارون المشاركة وهم يعرفون المخاطر، ويمكنهم التوقف متى شاؤوا.</li>",
                    "</ul>",
                    "<h2>التصميم المشترك لا مجرد الاستشارة</h2>",
                    "<p>الشباب ليسوا جمهورًا يُراد الوصول إليه فحسب، بل يمكن أن يكونوا أصحاب "
                    "الحملة. ففي عمل شبكة المدن القوية مع الشباب، يصمّم ناشطون شباب حملات "
                    "ويعرضونها على القيادات البلدية. ومن أمثلة البرنامج:</p>",
                    "<ul>",
                    "<li><strong>وشوشة، صيدا</strong>: حملة شبابية تهدف إلى مواجهة الصورة "
                    "النمطية السلبية عن مخيّم عين الحلوة للاجئين الفلسطينيين، عبر إنشاء استوديو "
                    "إعلامي داخل المخيّم يصوّر جلسات حوار بين اللاجئين ولبنانيين من غير "
                    "الفلسطينيين، ويساعد اللاجئين على رواية قصصهم بأنفسهم.</li>",
                    "<li><strong>فرحة طايشة، طرابلس</strong>: حملة على وسائل التواصل الاجتماعي "
                    "صمّمها شباب وتستهدف المناطق الشمالية والريفية، يعيد فيها ممثلون تجسيد حفل "
                    "زفاف تحوّل إلى مأساة بسبب إطلاق النار ابتهاجًا، للتصدّي لثقافة السلاح. وقد "
                    "التقى رئيس بلدية طرابلس بالفريق وأيّد الحملة وتعاونها مع شبكة الوقاية "
                    "المحلية في طرابلس.</li>",
                    "</ul>",
                    "<p>تنطلق الحملتان كلتاهما مما يعرفه الشباب عن قرب، وتتيحان للمعنيين أن "
                    "يتكلموا بأنفسهم بدلاً من أن يُتكلَّم عنهم.</p>",
                    "<h2>دور المدينة</h2>",
                    "<p>تستطيع البلدية أن تفتح الأبواب، وأن توفّر قاعة أو استوديو، وأن تصل الفريق "
                    "بشبكة الوقاية المحلية، وأن تمنح الحملة تأييدًا علنيًا كما فعل رئيس بلدية "
                    "طرابلس، دون أن تستولي عليها. واتفقوا مبكرًا على مَن يقرّر المحتوى، ومَن "
                    "يوافق عليه، ومَن يساند الفريق إذا واجهت الحملة عداءً.</p>",
                ),
            ),
        },
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f03",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Testing and a safe launch: do no harm",
                "Tester et lancer sans risque : ne pas nuire",
                "الاختبار والإطلاق الآمن: عدم إلحاق الأذى",
            ),
            "body": t(
                html(
                    "<p>A campaign can backfire. It can spread the very message it wanted to "
                    "answer, stigmatise the group it wanted to protect, or expose the young people "
                    "who made it to abuse. Testing and a launch plan are how you find this out "
                    "before the public does.</p>",
                    "<h2>Test with small groups first</h2>",
                    "<ul>",
                    "<li>Show two or three concepts to small groups from the audience, and to a "
                    "few people who know the context well (a youth worker, a member of the Local "
                    "Prevention Network).</li>",
                    "<li>Ask what they understood, what they felt, whether they would share it, "
                    "and who might be hurt or angered by it.</li>",
                    "<li>Drop or change what is misunderstood. A concept that needs "
                    "explaining will not work in a feed.</li>",
                    "</ul>",
                    "<h2>Do not amplify the extremist message</h2>",
                    "<ul>",
                    "<li>Do not repost, quote at length or link to extremist material, even to "
                    "criticise it; do not show its symbols, slogans or the faces of its "
                    "propagandists.</li>",
                    "<li>Do not name the group more than you must: the aim is to make your "
                    "alternative visible, not theirs.</li>",
                    "<li>Do not pick public fights with its supporters online: debates in the "
                    "comments reward them with attention.</li>",
                    "</ul>",
                    "<h2>Protect the people who take part</h2>",
                    "<ul>",
                    "<li>Informed consent from every participant, and from a parent or guardian "
                    "for minors, for each use of their image and story, which they may "
                    "withdraw.</li>",
                    "<li>First names or no names; no schools, addresses or other details that "
                    "locate someone.</li>",
                    "<li>A moderation plan: who watches the comments, when, what is hidden or "
                    "reported, and when to pause the campaign.</li>",
                    "<li>A support route: whom a participant calls if they are harassed, and how "
                    "the city responds.</li>",
                    "</ul>",
                ),
                html(
                    "<p>Une campagne peut se retourner contre ses auteurs. Elle peut diffuser le "
                    "message même auquel elle voulait répondre, stigmatiser le groupe qu'elle "
                    "voulait protéger, ou exposer à des attaques les jeunes qui l'ont faite. "
                    "Les tests et un plan de lancement permettent de le découvrir avant le "
                    "public.</p>",
                    "<h2>Tester d'abord en petits groupes</h2>",
                    "<ul>",
                    "<li>Montrez deux ou trois propositions à de petits groupes issus du public, "
                    "et à quelques personnes qui connaissent bien le contexte (un animateur "
                    "jeunesse, un membre du réseau local de prévention).</li>",
                    "<li>Demandez ce qu'ils ont compris, ce qu'ils ont ressenti, "
                    "s'ils le partageraient, et qui pourrait en être blessé ou irrité.</li>",
                    "<li>Abandonnez ou modifiez ce qui est mal compris. Une proposition qu'il "
                    "faut expliquer ne fonctionnera pas dans un fil d'actualité.</li>",
                    "</ul>",
                    "<h2>Ne pas amplifier le message extrémiste</h2>",
                    "<ul>",
                    "<li>Ne republiez pas, ne citez pas longuement et ne renvoyez pas vers des "
                    "contenus extrémistes, même pour les critiquer ; ne montrez ni leurs symboles, "
                    "ni leurs slogans, ni le visage de leurs propagandistes.</li>",
                    "<li>Ne nommez le groupe que si c'est nécessaire : le but est de rendre "
                    "visible votre autre voie, pas la sienne.</li>",
                    "<li>N'engagez pas de polémique publique avec ses partisans en ligne : les "
                    "débats en commentaires les récompensent par l'attention.</li>",
                    "</ul>",
                    "<h2>Protéger les participants</h2>",
                    "<ul>",
                    "<li>Un consentement éclairé de chaque participant, et d'un parent ou "
                    "tuteur pour les mineurs, pour chaque usage de leur image et de leur histoire, "
                    "qu'ils peuvent retirer.</li>",
                    "<li>Des prénoms ou aucun nom ; ni école, ni adresse, ni détail qui permette "
                    "de localiser quelqu'un.</li>",
                    "<li>Un plan de modération : qui surveille les commentaires, quand, ce qui est "
                    "masqué ou signalé, et quand suspendre la campagne.</li>",
                    "<li>Une voie de soutien : qui un participant appelle s'il est harcelé, et "
                    "comment la ville réagit.</li>",
                    "</ul>",
                ),
                html(
                    "<p>قد تأتي الحملة بعكس ما أُريد لها: فقد تنشر الرسالة ذاتها التي أرادت "
                    "الردّ عليها، أو توصم الفئة التي أرادت حمايتها، أو تعرّض الشباب الذين صنعوها "
                    "للإساءة. والاختبار وخطة الإطلاق هما السبيل إلى اكتشاف ذلك قبل أن يكتشفه "
                    "الجمهور.</p>",
                    "<h2>اختبر أولاً مع مجموعات صغيرة</h2>",
                    "<ul>",
                    "<li>اعرض فكرتين أو ثلاثًا على مجموعات صغيرة من الجمهور، وعلى بضعة أشخاص "
                    "يعرفون السياق جيدًا (عامل مع الشباب، أو عضو في شبكة الوقاية المحلية).</li>",
                    "<li>اسألهم ماذا فهموا، وبماذا شعروا، وهل سيشاركونها، ومَن قد يتأذّى منها أو "
                    "يغضب.</li>",
                    "<li>تخلَّ عمّا يُساء فهمه أو عدِّله. فالفكرة التي تحتاج إلى شرح لن تنجح على "
                    "صفحات التواصل.</li>",
                    "</ul>",
                    "<h2>لا تضخّم الرسالة المتطرفة</h2>",
                    "<ul>",
                    "<li>لا تُعِد نشر المواد المتطرفة ولا تقتبس منها مطوّلاً ولا تضع روابط إليها، "
                    "ولو لانتقادها؛ ولا تعرض رموزها أو شعاراتها أو وجوه دعاتها.</li>",
                    "<li>لا تذكر اسم الجماعة إلا عند الضرورة: الهدف إبراز البديل الذي تقدّمه، لا "
                    "بديلها.</li>",
                    "<li>لا تدخل في مشاحنات علنية مع أنصارها على الإنترنت: فالجدال في التعليقات "
                    "يكافئهم بالاهتمام.</li>",
                    "</ul>",
                    "<h2>احمِ المشاركين</h2>",
                    "<ul>",
                    "<li>موافقة مستنيرة من كل مشارك، ومن أحد الوالدين أو الوصي في حالة القاصرين، "
                    "لكل استخدام لصورهم وقصصهم، مع حقّهم في سحبها.</li>",
                    "<li>الاسم الأول فقط أو لا أسماء؛ ولا مدارس ولا عناوين ولا أي تفاصيل تدلّ على "
                    "مكان الشخص.</li>",
                    "<li>خطة للإشراف على التعليقات: مَن يتابعها ومتى، وما الذي يُخفى أو يُبلَّغ "
                    "عنه، ومتى تُعلَّق الحملة.</li>",
                    "<li>مسار للمساندة: بمن يتصل المشارك إذا تعرّض للمضايقة، وكيف تتصرّف "
                    "المدينة.</li>",
                    "</ul>",
                ),
            ),
        },
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f04",
            "kind": "reading",
            "minutes": 12,
            "title": t(
                "Measuring and evaluating: reach is not change",
                "Mesurer et évaluer : la portée n'est pas le changement",
                "القياس والتقييم: الانتشار ليس تغييرًا",
            ),
            "body": t(
                html(
                    "<p>Views, likes and shares tell you how far a campaign travelled. They do not "
                    "tell you whether anyone thinks or acts differently. Plan both kinds of "
                    "measure before the launch, while you can still collect a starting "
                    "point.</p>",
                    "<h2>A simple logic model</h2>",
                    "<ol>",
                    "<li><strong>Inputs</strong>: the team, the time, the budget, the studio, "
                    "the partners.</li>",
                    "<li><strong>Activities</strong>: workshops, filming, posts, a public "
                    "screening.</li>",
                    "<li><strong>Outputs</strong>: what was produced and who saw it: videos "
                    "made, people reached, events held.</li>",
                    "<li><strong>Outcomes</strong>: the change in the audience you named at the "
                    "start: an attitude, a conversation, a behaviour.</li>",
                    "<li><strong>Assumptions</strong>: why you believe each step leads to the "
                    "next; these are what the evaluation tests.</li>",
                    "</ol>",
                    "<h2>Measuring change, modestly</h2>",
                    "<ul>",
                    "<li>A short survey or group discussion with the audience before and after, "
                    "asking the same questions.</li>",
                    "<li>What people say in comments and messages, read for meaning rather than "
                    "counted.</li>",
                    "<li>What partners observe: a youth worker, a teacher, the Local Prevention "
                    "Network.</li>",
                    "<li>Signs of harm as well as of success: hostile reactions, participants who "
                    "needed support.</li>",
                    "</ul>",
                    "<p>Be honest about what a small local campaign can show. “Young people "
                    "who took part say they now challenge the rumour among friends” is a "
                    "useful finding; “the campaign reduced extremism” is a claim no "
                    "single campaign can support. Share the evaluation, including what did not "
                    "work, so that other member cities can learn from it.</p>",
                ),
                html(
                    "<p>Les vues, les mentions « j'aime » et les partages disent jusqu'où "
                    "une campagne a circulé. Ils ne disent pas si quelqu'un pense ou agit "
                    "autrement. Prévoyez les deux types de mesure avant le lancement, tant "
                    "qu'il est encore possible de relever un point de départ.</p>",
                    "<h2>Un modèle logique simple</h2>",
                    "<ol>",
                    "<li><strong>Ressources</strong> : l'équipe, le temps, le budget, le "
                    "studio, les partenaires.</li>",
                    "<li><strong>Activités</strong> : ateliers, tournages, publications, une "
                    "projection publique.</li>",
                    "<li><strong>Réalisations</strong> : ce qui a été produit et qui l'a vu : "
                    "vidéos réalisées, personnes atteintes, événements tenus.</li>",
                    "<li><strong>Effets</strong> : le changement chez le public défini au départ : "
                    "une attitude, une conversation, un comportement.</li>",
                    "<li><strong>Hypothèses</strong> : pourquoi vous pensez que chaque étape "
                    "mène à la suivante ; c'est ce que l'évaluation met à l'épreuve.</li>",
                    "</ol>",
                    "<h2>Mesurer le changement, avec modestie</h2>",
                    "<ul>",
                    "<li>Un court questionnaire ou un groupe de discussion avec le public, avant "
                    "et après, avec les mêmes questions.</li>",
                    "<li>Ce que les gens écrivent dans les commentaires et les messages, lu pour "
                    "son sens plutôt que compté.</li>",
                    "<li>Ce qu'observent les partenaires : un animateur jeunesse, un "
                    "enseignant, le réseau local de prévention.</li>",
                    "<li>Les signes de préjudice autant que de réussite : réactions hostiles, "
                    "participants qui ont eu besoin de soutien.</li>",
                    "</ul>",
                    "<p>Soyez honnête sur ce qu'une petite campagne locale peut montrer. « Les "
                    "jeunes qui ont participé disent qu'ils contredisent désormais la rumeur "
                    "entre amis » est un résultat utile ; « la campagne a fait reculer "
                    "l'extrémisme » est une affirmation qu'aucune campagne ne peut étayer "
                    "à elle seule. Partagez l'évaluation, y compris ce qui n'a pas "
                    "marché, pour que d'autres villes membres en tirent des leçons.</p>",
                ),
                html(
                    "<p>تُخبرك المشاهدات والإعجابات والمشاركات بمدى انتشار الحملة، لكنها لا "
                    "تُخبرك إن كان أحدٌ قد غيّر طريقة تفكيره أو تصرّفه. خطّط لنوعَي القياس كليهما "
                    "قبل الإطلاق، ما دام بالإمكان تسجيل نقطة انطلاق.</p>",
                    "<h2>نموذج منطقي بسيط</h2>",
                    "<ol>",
                    "<li><strong>المدخلات</strong>: الفريق، والوقت، والميزانية، والاستوديو، "
                    "والشركاء.</li>",
                    "<li><strong>الأنشطة</strong>: ورش العمل، والتصوير، والمنشورات، وعرض عام.</li>",
                    "<li><strong>المخرجات</strong>: ما أُنتج ومَن شاهده: مقاطع الفيديو المنجزة، "
                    "وعدد من وصلت إليهم الحملة، والفعاليات المنعقدة.</li>",
                    "<li><strong>النتائج</strong>: التغيير لدى الجمهور الذي حدّدته في البداية: "
                    "موقف، أو حديث، أو سلوك.</li>",
                    "<li><strong>الافتراضات</strong>: لماذا تعتقد أن كل خطوة تقود إلى التي تليها؛ "
                    "وهذا ما يختبره التقييم.</li>",
                    "</ol>",
                    "<h2>قياس التغيير بتواضع</h2>",
                    "<ul>",
                    "<li>استبيان قصير أو نقاش جماعي مع الجمهور قبل الحملة وبعدها، بالأسئلة "
                    "نفسها.</li>",
                    "<li>ما يكتبه الناس في التعليقات والرسائل، يُقرأ لمعناه لا لعدده.</li>",
                    "<li>ما يلاحظه الشركاء: العامل مع الشباب، أو المعلّم، أو شبكة الوقاية "
                    "المحلية.</li>",
                    "<li>علامات الضرر إلى جانب علامات النجاح: ردود الفعل العدائية، والمشاركون "
                    "الذين احتاجوا إلى مساندة.</li>",
                    "</ul>",
                    "<p>كن صادقًا بشأن ما يمكن أن تُثبته حملة محلية صغيرة. فعبارة «يقول الشباب "
                    "الذين شاركوا إنهم باتوا يفنّدون الشائعة بين أصدقائهم» نتيجة مفيدة، أمّا "
                    "«الحملة قلّصت التطرف» فادّعاء لا تستطيع حملة واحدة أن تدعمه. شارِك التقييم، "
                    "بما في ذلك ما لم ينجح، لتستفيد منه المدن الأعضاء الأخرى.</p>",
                ),
            ),
        },
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f05",
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
                            "Which of these is a usable audience for a local campaign?",
                            "Lequel de ces publics convient à une campagne locale ?",
                            "أيٌّ مما يلي جمهور صالح لحملة محلية؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    "Everyone in the city",
                                    "Toute la ville",
                                    "جميع سكان المدينة",
                                ),
                                "feedback": t(
                                    "Too broad: you cannot find, test with or speak like "
                                    "everyone at once.",
                                    "Trop large : on ne peut pas trouver tout le monde, tester "
                                    "avec tout le monde ni parler comme tout le monde à la fois.",
                                    "واسع جدًا: لا يمكنك أن تصل إلى الجميع أو تختبر معهم أو "
                                    "تتكلم بلغتهم في آنٍ واحد.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "Young people aged 15 to 24 in two named neighbourhoods, "
                                    "who see the rumour online but do not share it",
                                    "Les jeunes de 15 à 24 ans de deux quartiers précis, qui "
                                    "voient passer la rumeur en ligne sans la partager",
                                    "الشباب من 15 إلى 24 عامًا في حيّين محدّدين، ممن يرون "
                                    "الشائعة على الإنترنت ولا يشاركونها",
                                ),
                                "feedback": t(
                                    "Yes: precise enough to find them, talk to them and "
                                    "measure a change.",
                                    "Oui : assez précis pour les trouver, leur parler et "
                                    "mesurer un changement.",
                                    "صحيح: جمهور محدّد بما يكفي للوصول إليه والتحدث معه "
                                    "وقياس التغيير لديه.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "The members of the extremist group",
                                    "Les membres du groupe extrémiste",
                                    "أعضاء الجماعة المتطرفة",
                                ),
                                "feedback": t(
                                    "Committed members are rarely moved by a public campaign; "
                                    "that is the work of individual interventions.",
                                    "Des membres convaincus sont rarement touchés par une "
                                    "campagne publique ; cela relève des interventions "
                                    "individuelles.",
                                    "نادرًا ما تؤثّر حملة عامة في الأعضاء الملتزمين؛ فذلك من "
                                    "شأن التدخلات الفردية.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            'Why do messages that only say "no to hate" often fail?',
                            "Pourquoi les messages qui disent seulement « non à la haine » "
                            "échouent-ils souvent ?",
                            "لماذا تفشل غالبًا الرسائل التي تكتفي بقول «لا للكراهية»؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    "Because they are too short",
                                    "Parce qu'ils sont trop courts",
                                    "لأنها قصيرة جدًا",
                                ),
                                "feedback": t(
                                    "Length is not the problem; a short message can be strong.",
                                    "La longueur n'est pas le problème ; un message court peut "
                                    "être fort.",
                                    "الطول ليس المشكلة؛ فالرسالة القصيرة قد تكون قوية.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "Because they offer no alternative and do not answer the "
                                    "grievance the extremist story uses",
                                    "Parce qu'ils ne proposent pas d'autre voie et ne répondent "
                                    "pas au grief qu'exploite le récit extrémiste",
                                    "لأنها لا تقدّم بديلاً ولا تجيب عن المظلومية التي تستغلّها "
                                    "الرواية المتطرفة",
                                ),
                                "feedback": t(
                                    "Right: a strong message offers belonging, a role or an "
                                    "action.",
                                    "Exact : un message fort propose une appartenance, un rôle "
                                    "ou une action.",
                                    "صحيح: الرسالة القوية تقدّم انتماءً أو دورًا أو عملاً.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Because the law forbids them",
                                    "Parce que la loi les interdit",
                                    "لأن القانون يمنعها",
                                ),
                                "feedback": t(
                                    "No law forbids them; they are simply easy to ignore.",
                                    "Aucune loi ne les interdit ; ils sont simplement faciles à "
                                    "ignorer.",
                                    "لا يمنعها أي قانون؛ كل ما في الأمر أنه يسهل تجاهلها.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "What makes a messenger credible to the audience? Choose all that "
                            "apply.",
                            "Qu'est-ce qui rend un messager crédible aux yeux du public ? "
                            "Choisissez toutes les bonnes réponses.",
                            "ما الذي يجعل ناقل الرسالة موثوقًا لدى الجمهور؟ اختر كل الإجابات "
                            "الصحيحة.",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "They belong to, or are respected by, the audience",
                                    "Il fait partie du public, ou est respecté par lui",
                                    "أن ينتمي إلى الجمهور أو يحظى باحترامه",
                                ),
                                "feedback": t(
                                    "Yes: people listen to those they recognise.",
                                    "Oui : on écoute ceux en qui l'on se reconnaît.",
                                    "صحيح: يُصغي الناس إلى من يرون فيه أنفسهم.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "They speak from their own experience, in their own words",
                                    "Il parle de sa propre expérience, avec ses propres mots",
                                    "أن يتحدث عن تجربته الخاصة بكلماته",
                                ),
                                "feedback": t(
                                    "Yes: lived experience is hard to dismiss.",
                                    "Oui : l'expérience vécue est difficile à rejeter.",
                                    "صحيح: يصعب رفض التجربة المعيشة.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "They hold the most senior post in the municipality",
                                    "Il occupe le poste le plus élevé de la municipalité",
                                    "أن يشغل أعلى منصب في البلدية",
                                ),
                                "feedback": t(
                                    "Official backing helps, as in Tripoli, but rank does not "
                                    "make a voice credible to young people.",
                                    "Le soutien officiel aide, comme à Tripoli, mais le rang ne "
                                    "rend pas une voix crédible auprès des jeunes.",
                                    "التأييد الرسمي مفيد كما في طرابلس، لكن المنصب لا يجعل "
                                    "الصوت موثوقًا لدى الشباب.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "They chose to take part, knowing the risks",
                                    "Il a choisi de participer en connaissant les risques",
                                    "أن يكون قد اختار المشاركة وهو يعرف المخاطر",
                                ),
                                "feedback": t(
                                    "Yes: a messenger who was pushed into it is neither "
                                    "convincing nor protected.",
                                    "Oui : un messager poussé à participer n'est ni convaincant "
                                    "ni protégé.",
                                    "صحيح: من دُفع إلى المشاركة دفعًا لا يكون مقنعًا ولا محميًّا.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            "What does the programme summary say the Washwasha campaign in Saida "
                            "does?",
                            "Que fait la campagne Washwasha à Saïda, selon le résumé du "
                            "programme ?",
                            "ماذا تفعل حملة «وشوشة» في صيدا بحسب ملخّص البرنامج؟",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "It sets up a media studio inside Ain El-Hillweh camp, "
                                    "films dialogue sessions and helps refugees tell their own "
                                    "stories",
                                    "Elle installe un studio de médias dans le camp d'Aïn "
                                    "el-Héloué, filme des séances de dialogue et aide les "
                                    "réfugiés à raconter leur propre histoire",
                                    "تُنشئ استوديو إعلاميًا داخل مخيّم عين الحلوة، وتصوّر جلسات "
                                    "حوار، وتساعد اللاجئين على رواية قصصهم بأنفسهم",
                                ),
                                "feedback": t(
                                    "Yes: the people concerned tell their own story, against "
                                    "the stereotype of the camp.",
                                    "Oui : les personnes concernées racontent leur propre "
                                    "histoire, contre le stéréotype du camp.",
                                    "صحيح: يروي المعنيون قصتهم بأنفسهم في مواجهة الصورة "
                                    "النمطية عن المخيّم.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "It re-enacts a wedding turned tragic by celebratory gunfire",
                                    "Elle rejoue un mariage transformé en drame par des tirs de "
                                    "célébration",
                                    "تعيد تجسيد حفل زفاف تحوّل إلى مأساة بسبب إطلاق النار ابتهاجًا",
                                ),
                                "feedback": t(
                                    "That is Farha Tayshe, in Tripoli.",
                                    "C'est Farha Tayshe, à Tripoli.",
                                    "هذه حملة «فرحة طايشة» في طرابلس.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "It debates extremist recruiters in online comments",
                                    "Elle débat avec des recruteurs extrémistes dans les "
                                    "commentaires en ligne",
                                    "تجادل مجنِّدي الجماعات المتطرفة في التعليقات على الإنترنت",
                                ),
                                "feedback": t(
                                    "No: and such debates tend to reward recruiters with "
                                    "attention.",
                                    "Non ; et ces débats ont tendance à récompenser les "
                                    "recruteurs par l'attention.",
                                    "لا؛ ومثل هذا الجدال يميل إلى مكافأة المجنِّدين بالاهتمام.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "Which of these are do-no-harm measures before a launch? Choose all "
                            "that apply.",
                            "Lesquelles de ces mesures relèvent du principe « ne pas nuire » "
                            "avant un lancement ? Choisissez toutes les bonnes réponses.",
                            "أيٌّ مما يلي من تدابير «عدم إلحاق الأذى» قبل الإطلاق؟ اختر كل "
                            "الإجابات الصحيحة.",
                        ),
                        "options": [
                            {
                                "correct": True,
                                "text": t(
                                    "Consent from each participant, and a parent or guardian "
                                    "for minors",
                                    "Le consentement de chaque participant, et d'un parent ou "
                                    "tuteur pour les mineurs",
                                    "موافقة كل مشارك، وموافقة أحد الوالدين أو الوصي في حالة "
                                    "القاصرين",
                                ),
                                "feedback": t(
                                    "Yes, for each use of their image and story, and they may "
                                    "withdraw it.",
                                    "Oui, pour chaque usage de leur image et de leur histoire, "
                                    "qu'ils peuvent retirer.",
                                    "صحيح، لكل استخدام لصورهم وقصصهم، مع حقّهم في سحبها.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "A moderation plan and a support route for participants",
                                    "Un plan de modération et une voie de soutien pour les "
                                    "participants",
                                    "خطة للإشراف على التعليقات ومسار لمساندة المشاركين",
                                ),
                                "feedback": t(
                                    "Yes: decide before the launch who watches, who responds "
                                    "and who supports.",
                                    "Oui : décidez avant le lancement qui surveille, qui répond "
                                    "et qui soutient.",
                                    "صحيح: حدّد قبل الإطلاق من يتابع ومن يردّ ومن يساند.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Reposting the extremist video with a rebuttal, so people "
                                    "know what you are answering",
                                    "Republier la vidéo extrémiste avec une réfutation, pour "
                                    "qu'on sache à quoi vous répondez",
                                    "إعادة نشر الفيديو المتطرف مع ردّ عليه، ليعرف الناس على "
                                    "ماذا تردّ",
                                ),
                                "feedback": t(
                                    "No: this spreads the very material you want to answer.",
                                    "Non : cela diffuse précisément le contenu auquel vous "
                                    "voulez répondre.",
                                    "لا: فهذا ينشر المادة ذاتها التي تريد الردّ عليها.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Giving participants' full names and schools, so the "
                                    "campaign feels authentic",
                                    "Donner le nom complet et l'école des participants, pour que "
                                    "la campagne paraisse authentique",
                                    "ذكر الأسماء الكاملة للمشاركين ومدارسهم، لتبدو الحملة صادقة",
                                ),
                                "feedback": t(
                                    "No: details that locate someone expose them to harassment.",
                                    "Non : les détails qui permettent de localiser quelqu'un "
                                    "l'exposent au harcèlement.",
                                    "لا: فالتفاصيل التي تدلّ على مكان الشخص تعرّضه للمضايقة.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            "Your video has 40,000 views. What does this tell you?",
                            "Votre vidéo compte 40 000 vues. Qu'est-ce que cela vous apprend ?",
                            "حقّق الفيديو 40 ألف مشاهدة. ماذا يُخبرك ذلك؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t(
                                    "That the campaign changed attitudes",
                                    "Que la campagne a changé les attitudes",
                                    "أن الحملة غيّرت المواقف",
                                ),
                                "feedback": t(
                                    "Views measure reach, not change.",
                                    "Les vues mesurent la portée, pas le changement.",
                                    "المشاهدات تقيس الانتشار لا التغيير.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t(
                                    "How far it travelled: an output, not an outcome",
                                    "Jusqu'où elle a circulé : une réalisation, pas un effet",
                                    "مدى انتشاره: أي إنه من المخرجات لا من النتائج",
                                ),
                                "feedback": t(
                                    "Right: to know about change, compare the audience before "
                                    "and after.",
                                    "Exact : pour savoir s'il y a eu changement, comparez le "
                                    "public avant et après.",
                                    "صحيح: لمعرفة التغيير، قارن الجمهور قبل الحملة وبعدها.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t(
                                    "Nothing useful at all",
                                    "Rien d'utile",
                                    "لا شيء مفيد على الإطلاق",
                                ),
                                "feedback": t(
                                    "Reach is worth knowing; it is just not the whole story.",
                                    "La portée mérite d'être connue ; elle ne dit simplement pas "
                                    "tout.",
                                    "معرفة الانتشار مفيدة، لكنها لا تروي القصة كاملة.",
                                ),
                            },
                        ],
                    },
                    {
                        "kind": "single",
                        "text": t(
                            'In a logic model, what is "young people who took part now '
                            'challenge the rumour among friends"?',
                            "Dans un modèle logique, qu'est-ce que « les jeunes qui ont "
                            "participé contredisent désormais la rumeur entre amis » ?",
                            "في النموذج المنطقي، ما موقع عبارة «الشباب الذين شاركوا باتوا "
                            "يفنّدون الشائعة بين أصدقائهم»؟",
                        ),
                        "options": [
                            {
                                "correct": False,
                                "text": t("An input", "Une ressource", "من المدخلات"),
                                "feedback": t(
                                    "Inputs are what you put in: people, time, money.",
                                    "Les ressources sont ce que vous investissez : personnes, "
                                    "temps, argent.",
                                    "المدخلات هي ما تقدّمه: الأشخاص والوقت والمال.",
                                ),
                            },
                            {
                                "correct": False,
                                "text": t("An output", "Une réalisation", "من المخرجات"),
                                "feedback": t(
                                    "Outputs are what you produced and who saw it.",
                                    "Les réalisations sont ce que vous avez produit et qui l'a vu.",
                                    "المخرجات هي ما أنتجته ومَن شاهده.",
                                ),
                            },
                            {
                                "correct": True,
                                "text": t("An outcome", "Un effet", "من النتائج"),
                                "feedback": t(
                                    "Yes: a change in the audience's behaviour.",
                                    "Oui : un changement dans le comportement du public.",
                                    "صحيح: إنه تغيير في سلوك الجمهور.",
                                ),
                            },
                        ],
                    },
                ],
            },
        },
        {
            "key": "3f0c2a9e-6b1d-4c7a-9e52-1a7d0c3b8f06",
            "kind": "scenario",
            "minutes": 15,
            "title": t(
                "Scenario: a campaign after an incident",
                "Mise en situation : une campagne après un incident",
                "سيناريو: حملة بعد حادثة",
            ),
            "body": t(
                "<p>You coordinate a city youth team. Choose what the team does at each step; "
                "each choice has consequences. You can play again to try another path.</p>",
                "<p>Vous coordonnez une équipe de jeunes de la ville. Choisissez ce que fait "
                "l'équipe à chaque étape ; chaque choix a des conséquences. Vous pouvez rejouer "
                "pour essayer un autre chemin.</p>",
                "<p>أنت تنسّق فريقًا شبابيًا في المدينة. اختر ما يفعله الفريق في كل خطوة؛ فلكل "
                "خيار عواقبه. ويمكنك اللعب من جديد لتجرّب مسارًا آخر.</p>",
            ),
            "scenario": {
                "start": "incident",
                "steps": [
                    {
                        "key": "incident",
                        "situation": t(
                            "A community centre in your city was attacked at night. Within hours "
                            'a video from an extremist channel blaming "outsiders" from one '
                            "neighbourhood is being shared widely, and young people from that "
                            "neighbourhood are insulted at school. The mayor's office asks your "
                            'youth team, led by Lina, a youth worker, for "a campaign this '
                            'week".',
                            "Un centre communautaire de votre ville a été attaqué de nuit. En "
                            "quelques heures, une vidéo d'une chaîne extrémiste accusant des "
                            "« étrangers » d'un quartier circule largement, et des jeunes de ce "
                            "quartier se font insulter à l'école. Le cabinet du maire demande à "
                            "votre équipe de jeunes, animée par Lina, animatrice jeunesse, « une "
                            "campagne cette semaine ».",
                            "تعرّض مركز مجتمعي في مدينتك لاعتداء ليلاً. وفي غضون ساعات، انتشر "
                            "على نطاق واسع فيديو من قناة متطرفة يتّهم «غرباء» من أحد الأحياء، "
                            "وصار شباب ذلك الحيّ يتعرّضون للشتائم في المدرسة. ويطلب مكتب رئيس "
                            "البلدية من فريقكم الشبابي، الذي تقوده لينا، وهي عاملة مع الشباب، "
                            "«حملة هذا الأسبوع».",
                        ),
                        "choices": [
                            {
                                "to": "backlash",
                                "score": -2,
                                "text": t(
                                    "Post a rebuttal today that quotes the video's claims one "
                                    "by one.",
                                    "Publier dès aujourd'hui une réfutation qui cite les "
                                    "affirmations de la vidéo une par une.",
                                    "نشر ردّ اليوم يقتبس ادّعاءات الفيديو واحدًا تلو الآخر.",
                                ),
                                "feedback": t(
                                    "Quoting the claims repeats them to people who had not "
                                    "seen them.",
                                    "Citer les affirmations les répète auprès de personnes qui "
                                    "ne les avaient pas vues.",
                                    "اقتباس الادّعاءات يكرّرها أمام من لم يكن قد رآها.",
                                ),
                            },
                            {
                                "to": "listening",
                                "score": 2,
                                "text": t(
                                    "Tell the mayor's office you will take a few days to listen "
                                    "to young people in the neighbourhood first, and suggest "
                                    "the mayor speaks out against the insults now.",
                                    "Dire au cabinet du maire que vous prendrez quelques jours "
                                    "pour écouter d'abord les jeunes du quartier, et suggérer "
                                    "que le maire condamne dès maintenant les insultes.",
                                    "إبلاغ مكتب رئيس البلدية بأنكم ستأخذون بضعة أيام للإصغاء "
                                    "أولاً إلى شباب الحيّ، واقتراح أن يندّد رئيس البلدية "
                                    "بالشتائم الآن.",
                                ),
                                "feedback": t(
                                    "A public statement can answer the moment; a campaign needs "
                                    "an audience and a message first.",
                                    "Une déclaration publique peut répondre à l'urgence ; une "
                                    "campagne a d'abord besoin d'un public et d'un message.",
                                    "يمكن لتصريح علني أن يستجيب للّحظة، أمّا الحملة فتحتاج أولاً "
                                    "إلى جمهور ورسالة.",
                                ),
                            },
                            {
                                "to": "partial_end",
                                "score": 0,
                                "text": t(
                                    "Let the communications office publish a poster with the "
                                    'mayor\'s photo and "No to hate".',
                                    "Laisser le service de communication publier une affiche "
                                    "avec la photo du maire et « Non à la haine ».",
                                    "ترك مكتب الإعلام ينشر ملصقًا عليه صورة رئيس البلدية "
                                    "وعبارة «لا للكراهية».",
                                ),
                                "feedback": t(
                                    "Quick and harmless, but not a campaign young people will "
                                    "own or share.",
                                    "Rapide et sans danger, mais ce n'est pas une campagne que "
                                    "les jeunes s'approprieront ou partageront.",
                                    "سريع ولا ضرر فيه، لكنه ليس حملة سيتبنّاها الشباب أو "
                                    "يتناقلونها.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "backlash",
                        "situation": t(
                            "The post spreads fast. Many comments repeat the video's slogans, "
                            "and the extremist channel shares your post to mock it. Views of "
                            "their video have doubled since yesterday.",
                            "La publication circule vite. De nombreux commentaires reprennent "
                            "les slogans de la vidéo, et la chaîne extrémiste partage votre "
                            "publication pour s'en moquer. Les vues de leur vidéo ont doublé "
                            "depuis la veille.",
                            "ينتشر المنشور بسرعة. كثير من التعليقات تردّد شعارات الفيديو، "
                            "والقناة المتطرفة تشارك منشوركم للسخرية منه. وقد تضاعفت مشاهدات "
                            "الفيديو الخاص بها منذ الأمس.",
                        ),
                        "choices": [
                            {
                                "to": "harmful_end",
                                "score": -2,
                                "text": t(
                                    "Reply to every comment and post two more rebuttals.",
                                    "Répondre à chaque commentaire et publier deux nouvelles "
                                    "réfutations.",
                                    "الردّ على كل تعليق ونشر ردّين آخرين.",
                                ),
                                "feedback": t(
                                    "Each reply feeds the argument and the attention it brings "
                                    "them.",
                                    "Chaque réponse nourrit la polémique et l'attention "
                                    "qu'elle leur apporte.",
                                    "كل ردّ يغذّي الجدال والاهتمام الذي يجلبه لهم.",
                                ),
                            },
                            {
                                "to": "listening",
                                "score": 1,
                                "text": t(
                                    "Take the post down, hide the abusive comments, and start "
                                    "again by listening to the young people concerned.",
                                    "Retirer la publication, masquer les commentaires "
                                    "injurieux, et repartir en écoutant les jeunes concernés.",
                                    "حذف المنشور، وإخفاء التعليقات المسيئة، والبدء من جديد "
                                    "بالإصغاء إلى الشباب المعنيين.",
                                ),
                                "feedback": t(
                                    "Stopping early limits the damage; listening gives you what "
                                    "you were missing.",
                                    "S'arrêter tôt limite les dégâts ; l'écoute vous apporte ce "
                                    "qui vous manquait.",
                                    "التوقف مبكرًا يحدّ من الضرر، والإصغاء يمنحك ما كان ينقصك.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "listening",
                        "situation": t(
                            "Lina and two team members spend three afternoons at the youth "
                            "centre and a football pitch in the neighbourhood. Young people say "
                            "they are tired of being blamed as a group; several say they would "
                            "like to show who actually lives there. Now the team must decide "
                            "whom the campaign is for.",
                            "Lina et deux membres de l'équipe passent trois après-midi au centre "
                            "de jeunes et sur un terrain de football du quartier. Les jeunes "
                            "disent qu'ils en ont assez d'être accusés en bloc ; plusieurs "
                            "aimeraient montrer qui vit vraiment là. L'équipe doit maintenant "
                            "décider à qui s'adresse la campagne.",
                            "تقضي لينا وعضوان من الفريق ثلاث أمسيات في مركز الشباب وفي ملعب كرة "
                            "قدم في الحيّ. يقول الشباب إنهم سئموا من اتّهامهم جماعيًا، ويقول "
                            "كثيرون منهم إنهم يودّون أن يُظهروا مَن يعيش هناك فعلاً. وعلى "
                            "الفريق الآن أن يقرّر لمن تتوجّه الحملة.",
                        ),
                        "choices": [
                            {
                                "to": "too_wide",
                                "score": -1,
                                "text": t(
                                    "Everyone in the city: the incident concerns all of us.",
                                    "Toute la ville : l'incident nous concerne tous.",
                                    "جميع سكان المدينة: فالحادثة تعنينا جميعًا.",
                                ),
                                "feedback": t(
                                    "True, but a message for everyone tends to reach no one in "
                                    "particular.",
                                    "C'est vrai, mais un message pour tous n'atteint souvent "
                                    "personne en particulier.",
                                    "هذا صحيح، لكن الرسالة الموجّهة إلى الجميع لا تصل غالبًا "
                                    "إلى أحد بعينه.",
                                ),
                            },
                            {
                                "to": "cocreate",
                                "score": 2,
                                "text": t(
                                    "Young people aged 15 to 24 in the neighbourhood and the "
                                    "two nearest districts, who see the rumour but have not "
                                    "taken a side.",
                                    "Les 15-24 ans du quartier et des deux quartiers voisins, "
                                    "qui voient passer la rumeur sans avoir pris parti.",
                                    "الشباب من 15 إلى 24 عامًا في الحيّ والحيّين المجاورين، "
                                    "ممّن يرون الشائعة ولم يتّخذوا موقفًا بعد.",
                                ),
                                "feedback": t(
                                    "A precise audience you can reach, test with and measure.",
                                    "Un public précis que vous pouvez atteindre, avec qui "
                                    "tester, et dont vous pouvez mesurer l'évolution.",
                                    "جمهور محدّد يمكنك الوصول إليه والاختبار معه وقياس "
                                    "التغيير لديه.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "too_wide",
                        "situation": t(
                            'The drafts for "everyone" come out as general slogans. When the '
                            "team shows them to a few young people from the neighbourhood, they "
                            'shrug: "It\'s not about us."',
                            "Les ébauches pour « tout le monde » donnent des slogans généraux. "
                            "Quand l'équipe les montre à quelques jeunes du quartier, ils "
                            "haussent les épaules : « Ça ne parle pas de nous. »",
                            "تخرج المسوّدات الموجّهة إلى «الجميع» على شكل شعارات عامة. وحين "
                            "يعرضها الفريق على بعض شباب الحيّ، يهزّون أكتافهم: «هذا لا يتحدث "
                            "عنّا».",
                        ),
                        "choices": [
                            {
                                "to": "listening",
                                "score": 1,
                                "text": t(
                                    "Go back to what you heard and choose a narrower audience.",
                                    "Revenir à ce que vous avez entendu et choisir un public "
                                    "plus restreint.",
                                    "العودة إلى ما سمعتموه واختيار جمهور أضيق.",
                                ),
                                "feedback": t(
                                    "Testing did its job: it showed the problem before launch.",
                                    "Le test a joué son rôle : il a montré le problème avant le "
                                    "lancement.",
                                    "أدّى الاختبار دوره: كشف المشكلة قبل الإطلاق.",
                                ),
                            },
                            {
                                "to": "partial_end",
                                "score": 0,
                                "text": t(
                                    "Launch the slogans anyway; the mayor's office is waiting.",
                                    "Lancer quand même les slogans ; le cabinet du maire attend.",
                                    "إطلاق الشعارات على أي حال؛ فمكتب رئيس البلدية ينتظر.",
                                ),
                                "feedback": t(
                                    "You ignore what your own test told you.",
                                    "Vous ignorez ce que votre propre test vous a appris.",
                                    "أنت تتجاهل ما أخبرك به اختبارك نفسه.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "cocreate",
                        "situation": t(
                            "Eight young people from the neighbourhood join the team. They "
                            "produce three concepts: short portraits of neighbours in their own "
                            "words; a video that shows the extremist channel's logo crossed out; "
                            "and a humorous sketch about rumours spreading in a group chat.",
                            "Huit jeunes du quartier rejoignent l'équipe. Ils produisent trois "
                            "propositions : de courts portraits de voisins, avec leurs propres "
                            "mots ; une vidéo montrant le logo de la chaîne extrémiste barré ; "
                            "et un sketch humoristique sur une rumeur qui se propage dans une "
                            "discussion de groupe.",
                            "ينضمّ ثمانية من شباب الحيّ إلى الفريق، ويُعدّون ثلاث أفكار: لقطات "
                            "قصيرة لجيران يتحدثون بكلماتهم؛ وفيديو يُظهر شعار القناة المتطرفة "
                            "مشطوبًا؛ ومشهدًا فكاهيًا عن شائعة تنتشر في مجموعة دردشة.",
                        ),
                        "choices": [
                            {
                                "to": "launch_plan",
                                "score": 2,
                                "text": t(
                                    "Test all three with small groups from the audience and "
                                    "with two members of the Local Prevention Network.",
                                    "Tester les trois avec de petits groupes du public et avec "
                                    "deux membres du réseau local de prévention.",
                                    "اختبار الأفكار الثلاث مع مجموعات صغيرة من الجمهور ومع "
                                    "عضوين من شبكة الوقاية المحلية.",
                                ),
                                "feedback": t(
                                    "The testers like the portraits and the sketch, and point "
                                    "out that the crossed-out logo would advertise the "
                                    "channel. The team drops it.",
                                    "Les testeurs apprécient les portraits et le sketch, et "
                                    "font remarquer que le logo barré ferait de la publicité à "
                                    "la chaîne. L'équipe y renonce.",
                                    "يستحسن المختبِرون اللقطات والمشهد الفكاهي، وينبّهون إلى أن "
                                    "الشعار المشطوب سيروّج للقناة. فيتخلّى الفريق عنه.",
                                ),
                            },
                            {
                                "to": "backlash",
                                "score": -2,
                                "text": t(
                                    "Skip testing and publish the crossed-out logo video: it is "
                                    "the most striking.",
                                    "Passer les tests et publier la vidéo au logo barré : "
                                    "c'est la plus frappante.",
                                    "تجاوز الاختبار ونشر فيديو الشعار المشطوب: فهو الأكثر "
                                    "لفتًا للنظر.",
                                ),
                                "feedback": t(
                                    "Showing their logo, even crossed out, puts their brand in "
                                    "front of your audience.",
                                    "Montrer leur logo, même barré, met leur marque sous les "
                                    "yeux de votre public.",
                                    "إظهار شعارهم، ولو مشطوبًا، يضع علامتهم أمام جمهورك.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "launch_plan",
                        "situation": t(
                            "The portraits are ready. One of the young people, aged 17, wants "
                            "to appear with his full name and his school \"so people know it's "
                            'real". The launch is in three days and no one has yet been named '
                            "to watch the comments.",
                            "Les portraits sont prêts. L'un des jeunes, âgé de 17 ans, veut "
                            "apparaître avec son nom complet et son école « pour qu'on sache que "
                            "c'est vrai ». Le lancement a lieu dans trois jours et personne n'a "
                            "encore été chargé de surveiller les commentaires.",
                            "اللقطات جاهزة. يريد أحد الشباب، وعمره 17 عامًا، أن يظهر باسمه "
                            "الكامل واسم مدرسته «ليعرف الناس أن الأمر حقيقي». والإطلاق بعد ثلاثة "
                            "أيام، ولم يُكلَّف أحد بعدُ بمتابعة التعليقات.",
                        ),
                        "choices": [
                            {
                                "to": "good_end",
                                "score": 2,
                                "text": t(
                                    "Use first names only, with his and a parent's informed "
                                    "consent; name two moderators and a support contact; run a "
                                    "short survey of the audience before launch to measure "
                                    "against later.",
                                    "N'utiliser que les prénoms, avec son consentement éclairé "
                                    "et celui d'un parent ; désigner deux modérateurs et un "
                                    "contact de soutien ; faire un court questionnaire auprès "
                                    "du public avant le lancement pour pouvoir comparer "
                                    "ensuite.",
                                    "الاكتفاء بالأسماء الأولى، بموافقة مستنيرة منه ومن أحد "
                                    "والديه؛ وتكليف مشرفَين على التعليقات وجهة اتصال للمساندة؛ "
                                    "وإجراء استبيان قصير للجمهور قبل الإطلاق للمقارنة لاحقًا.",
                                ),
                                "feedback": t(
                                    "You protect the participants and give yourself a way to "
                                    "see change, not just reach.",
                                    "Vous protégez les participants et vous vous donnez les "
                                    "moyens de voir le changement, pas seulement la portée.",
                                    "أنت تحمي المشاركين وتمنح نفسك وسيلة لرؤية التغيير لا "
                                    "الانتشار وحده.",
                                ),
                            },
                            {
                                "to": "partial_end",
                                "score": 0,
                                "text": t(
                                    "Use first names with consent, and launch; count views and "
                                    "shares afterwards.",
                                    "Utiliser les prénoms avec consentement, et lancer ; "
                                    "compter les vues et les partages ensuite.",
                                    "استخدام الأسماء الأولى بعد الموافقة، ثم الإطلاق؛ وإحصاء "
                                    "المشاهدات والمشاركات بعد ذلك.",
                                ),
                                "feedback": t(
                                    "The participants are safer, but no one watches the "
                                    "comments and you will only know your reach.",
                                    "Les participants sont mieux protégés, mais personne ne "
                                    "surveille les commentaires et vous ne connaîtrez que votre "
                                    "portée.",
                                    "المشاركون أكثر أمانًا، لكن لا أحد يتابع التعليقات، ولن "
                                    "تعرف سوى مدى الانتشار.",
                                ),
                            },
                            {
                                "to": "harmful_end",
                                "score": -2,
                                "text": t(
                                    "Do as he asks: he is nearly an adult and it makes the "
                                    "video stronger.",
                                    "Faire comme il le demande : il est presque majeur et la "
                                    "vidéo sera plus forte.",
                                    "تلبية طلبه: فهو على وشك أن يبلغ سنّ الرشد، وهذا يجعل "
                                    "الفيديو أقوى.",
                                ),
                                "feedback": t(
                                    "A minor's name and school, after an attack, with no one "
                                    "watching: he can be found and targeted.",
                                    "Le nom et l'école d'un mineur, après une attaque, sans "
                                    "personne pour surveiller : on peut le retrouver et le "
                                    "prendre pour cible.",
                                    "اسم قاصر ومدرسته بعد اعتداء، ودون أي متابعة: يمكن "
                                    "الوصول إليه واستهدافه.",
                                ),
                            },
                        ],
                    },
                    {
                        "key": "good_end",
                        "ending": "good",
                        "situation": t(
                            "The portraits and the sketch run for four weeks. Moderators hide a "
                            "handful of abusive comments and no participant is harassed. The "
                            "follow-up survey and a group discussion suggest that more young "
                            "people in the three districts now question the rumour when it comes "
                            "up.",
                            "Les portraits et le sketch sont diffusés pendant quatre semaines. "
                            "Les modérateurs masquent quelques commentaires injurieux et aucun "
                            "participant n'est harcelé. Le questionnaire de suivi et un groupe "
                            "de discussion laissent penser que davantage de jeunes des trois "
                            "quartiers mettent désormais la rumeur en doute quand elle "
                            "revient.",
                            "تُعرض اللقطات والمشهد الفكاهي على مدى أربعة أسابيع. يُخفي المشرفون "
                            "عددًا قليلاً من التعليقات المسيئة، ولا يتعرّض أي مشارك للمضايقة. "
                            "ويُشير الاستبيان اللاحق ونقاش جماعي إلى أن عددًا أكبر من شباب "
                            "الأحياء الثلاثة بات يشكّك في الشائعة حين تتكرّر.",
                        ),
                        "debrief": t(
                            "Good practice. You listened before designing, chose a precise "
                            "audience, let the young people concerned tell their own story, "
                            "tested and dropped a concept that would have amplified the "
                            "extremist brand, protected participants, and measured change "
                            "against a starting point. Share the evaluation with the Local "
                            "Prevention Network and other member cities, including what did not "
                            "work.",
                            "Bonne pratique. Vous avez écouté avant de concevoir, choisi un "
                            "public précis, laissé les jeunes concernés raconter leur propre "
                            "histoire, testé puis abandonné une proposition qui aurait amplifié "
                            "la marque extrémiste, protégé les participants, et mesuré le "
                            "changement par rapport à un point de départ. Partagez "
                            "l'évaluation avec le réseau local de prévention et d'autres villes "
                            "membres, y compris ce qui n'a pas marché.",
                            "ممارسة جيدة. أصغيتَ قبل التصميم، واخترت جمهورًا محدّدًا، وتركت "
                            "الشباب المعنيين يروون قصتهم بأنفسهم، واختبرت فكرة كانت ستضخّم "
                            "العلامة المتطرفة ثم تخلّيت عنها، وحميت المشاركين، وقست التغيير "
                            "انطلاقًا من نقطة بداية. شارِك التقييم مع شبكة الوقاية المحلية "
                            "والمدن الأعضاء الأخرى، بما في ذلك ما لم ينجح.",
                        ),
                    },
                    {
                        "key": "partial_end",
                        "ending": "partial",
                        "situation": t(
                            "The campaign goes out and gets a fair number of views. Nobody is "
                            "hurt by it, but the young people of the neighbourhood do not "
                            "recognise themselves in it, and a month later you cannot say "
                            "whether anything has changed.",
                            "La campagne est diffusée et obtient un nombre honorable de vues. "
                            "Elle ne blesse personne, mais les jeunes du quartier ne s'y "
                            "reconnaissent pas, et un mois plus tard vous ne pouvez pas dire si "
                            "quelque chose a changé.",
                            "تنطلق الحملة وتحصد عددًا لا بأس به من المشاهدات. لا تؤذي أحدًا، "
                            "لكن شباب الحيّ لا يرون أنفسهم فيها، وبعد شهر لا تستطيع أن تقول إن "
                            "كان شيء قد تغيّر.",
                        ),
                        "debrief": t(
                            "Partly good practice. You avoided the worst harms, but something "
                            "was missing: a precise audience, the young people's own voices, a "
                            "moderation plan, or a starting point to measure change against. "
                            "Play again and see what listening, co-creation and a launch plan "
                            "add.",
                            "Pratique en partie bonne. Vous avez évité les pires préjudices, "
                            "mais il manquait quelque chose : un public précis, la voix des "
                            "jeunes eux-mêmes, un plan de modération, ou un point de départ "
                            "pour mesurer le changement. Rejouez pour voir ce qu'apportent "
                            "l'écoute, la co-création et un plan de lancement.",
                            "ممارسة جيدة جزئيًا. تجنّبت أسوأ الأضرار، لكن شيئًا ما كان ناقصًا: "
                            "جمهور محدّد، أو أصوات الشباب أنفسهم، أو خطة للإشراف على التعليقات، "
                            "أو نقطة بداية لقياس التغيير. العب من جديد لترى ما يضيفه الإصغاء "
                            "والتصميم المشترك وخطة الإطلاق.",
                        ),
                    },
                    {
                        "key": "harmful_end",
                        "ending": "harmful",
                        "situation": t(
                            "The extremist channel gains followers from the controversy, its "
                            "video reaches far more people than before, and a young participant "
                            "is harassed online and outside school. His family asks the city "
                            "why he was exposed.",
                            "La chaîne extrémiste gagne des abonnés grâce à la polémique, sa "
                            "vidéo touche bien plus de monde qu'avant, et un jeune participant "
                            "est harcelé en ligne et devant son école. Sa famille demande à la "
                            "ville pourquoi il a été exposé.",
                            "تكسب القناة المتطرفة متابعين من الجدل، ويصل الفيديو الخاص بها إلى "
                            "عدد أكبر بكثير من الناس، ويتعرّض مشارك شاب للمضايقة على الإنترنت "
                            "وأمام مدرسته. وتسأل أسرته المدينة لماذا عُرِّض لذلك.",
                        ),
                        "debrief": t(
                            "Harmful practice. The campaign amplified the extremist message "
                            "(by quoting it, showing its brand or debating its supporters) "
                            "and/or exposed a participant. Do no harm comes first: do not "
                            "repeat their material, do not identify participants, and have "
                            "moderators and a support route in place before launch. If harm "
                            "happens, pause, support the people affected and learn from it.",
                            "Pratique néfaste. La campagne a amplifié le message extrémiste (en "
                            "le citant, en montrant sa marque ou en débattant avec ses "
                            "partisans) ou exposé un participant, voire les deux. Ne pas nuire "
                            "passe avant tout : ne pas reprendre leurs contenus, ne pas "
                            "identifier les participants, et prévoir modérateurs et voie de "
                            "soutien avant le lancement. En cas de préjudice, suspendre, "
                            "soutenir les personnes touchées et en tirer les leçons.",
                            "ممارسة ضارة. ضخّمت الحملة الرسالة المتطرفة (باقتباسها، أو بعرض "
                            "علامتها، أو بمجادلة أنصارها) أو عرّضت أحد المشاركين للخطر، أو "
                            "كليهما. فعدم إلحاق الأذى يأتي أولاً: لا تكرّر موادهم، ولا تكشف هوية "
                            "المشاركين، وجهّز المشرفين على التعليقات ومسار المساندة قبل "
                            "الإطلاق. وإذا وقع الضرر، فعلِّق الحملة، وساند المتضرّرين، واستخلص "
                            "الدروس.",
                        ),
                    },
                ],
            },
        },
    ],
}
