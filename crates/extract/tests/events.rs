//! Event coding on short articles written for these tests (not from any
//! corpus): each checks one linguistic behaviour of the coder.

use marsad_extract::Extractor;
use marsad_ingest::Article;
use marsad_record::Event;

fn events(title: &str, text: &str, published: &str) -> Vec<Event> {
    let a = Article::from_text(
        title,
        text,
        chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
    );
    Extractor::new().extract(&a).events
}

fn killed(e: &Event) -> Option<u64> {
    e.fatalities.as_ref()?.killed?.min
}

fn wounded(e: &Event) -> Option<u64> {
    e.fatalities.as_ref()?.wounded?.min
}

#[test]
fn air_strike_with_actor_place_date_and_toll() {
    let ev = events(
        "",
        "شنت طائرات التحالف العربي أمس الأربعاء غارات على مواقع للحوثيين في مدينة صعدة، ما أدى إلى مقتل 9 مسلحين وإصابة 4 آخرين.",
        "2019-03-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(
        (e.kind.as_str(), e.sub_type.as_str()),
        ("explosions_remote_violence", "air_drone_strike")
    );
    assert_eq!(e.actor1.as_ref().unwrap().id.as_deref(), Some("org:saudi_coalition"));
    assert_eq!(e.date.as_ref().unwrap().value.as_deref(), Some("2019-03-13"));
    assert_eq!(e.location.as_ref().unwrap().text, "مدينة صعدة");
    assert_eq!((killed(e), wounded(e)), (Some(9), Some(4)));
    assert_eq!(e.status, "asserted");
}

#[test]
fn capture_subtype_follows_the_side_of_the_actor() {
    let gov = events(
        "",
        "استعاد الجيش العراقي اليوم السبت السيطرة على بلدة بيجي بعد معارك مع تنظيم داعش.",
        "2019-03-16",
    );
    assert_eq!(gov.len(), 1, "{gov:#?}");
    assert_eq!(gov[0].sub_type, "government_regains_territory");
    let rebels = events(
        "",
        "سيطر تنظيم داعش اليوم السبت على بلدة بيجي بعد معارك مع الجيش العراقي.",
        "2019-03-16",
    );
    assert_eq!(rebels.len(), 1, "{rebels:#?}");
    assert_eq!(rebels[0].sub_type, "non_state_actor_overtakes_territory");
}

#[test]
fn hearsay_denial_and_threats_set_the_status() {
    let r = events(
        "",
        "وردت أنباء عن اشتباكات عنيفة اليوم في مدينة درعا بين فصائل المعارضة وقوات النظام.",
        "2019-03-16",
    );
    assert_eq!(r[0].status, "reported");
    let d = events(
        "",
        "نفى الجيش السوري أن تكون طائراته شنت غارات على مدينة إدلب أمس.",
        "2019-03-16",
    );
    assert_eq!(d[0].status, "denied");
    let p = events(
        "",
        "هدد تنظيم داعش بشن هجمات على مدينة الموصل خلال الأيام المقبلة.",
        "2019-03-16",
    );
    assert!(p.iter().all(|e| e.status == "planned"), "{p:#?}");
}

#[test]
fn aggregates_and_history_are_not_events() {
    let ev = events(
        "",
        "وثقت الشبكة مقتل 300 مدني خلال شهر يناير الماضي في سوريا.\nوكانت القوات الحكومية قد سيطرت على مدينة حمص عام 2014.",
        "2019-03-16",
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn another_bombing_is_another_event_and_a_repeat_is_not() {
    let ev = events(
        "مقتل 12 في تفجيرين ببغداد",
        "قتل عشرة أشخاص اليوم الاثنين في انفجار سيارة مفخخة في سوق بمدينة بعقوبة. وأوضح المصدر أن انفجار السيارة المفخخة وقع قرب مسجد في المدينة. وقتل شخصان في تفجير آخر في بغداد.",
        "2019-03-18",
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(10));
    assert_eq!(killed(&ev[1]), Some(2));
    assert!(ev.iter().all(|e| e.sub_type == "remote_explosive_landmine_ied"));
}

#[test]
fn a_casualty_sentence_adds_to_the_event_before_it() {
    let ev = events(
        "",
        "دارت اشتباكات عنيفة أمس بين الجيش ومسلحين في مدينة العريش. وأشار المصدر إلى مقتل خمسة جنود وإصابة سبعة.",
        "2019-03-16",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "armed_clash");
    assert_eq!((killed(&ev[0]), wounded(&ev[0])), (Some(5), Some(7)));
}

#[test]
fn common_crime_arrests_are_not_conflict_events() {
    let crime = events(
        "",
        "ألقت الشرطة القبض أمس على ثلاثة أشخاص بتهمة سرقة سيارة في مدينة جدة.",
        "2019-03-16",
    );
    assert!(crime.is_empty(), "{crime:#?}");
    let political = events(
        "",
        "ألقت قوات الأمن أمس القبض على خمسة أشخاص يشتبه في انتمائهم لتنظيم داعش في مدينة إزمير.",
        "2019-03-16",
    );
    assert_eq!(political.len(), 1);
    assert_eq!(political[0].sub_type, "arrests");
}

#[test]
fn no_publication_date_keeps_the_date_text_without_a_value() {
    let a = Article::from_text("", "شنت طائرات التحالف الدولي أمس غارات على مدينة الرقة.", None);
    let ev = Extractor::new().extract(&a).events;
    let d = ev[0].date.as_ref().unwrap();
    assert_eq!(d.value, None);
    assert_eq!(d.text, "أمس");
}

#[test]
fn subjected_to_an_attack_is_a_deed_and_control_is_a_state() {
    let ev = events(
        "",
        "تعرضت دورية للجيش أمس لهجوم مسلح في مدينة العريش أسفر عن مقتل جنديين.",
        "2019-03-16",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, "asserted");
    assert_eq!(killed(&ev[0]), Some(2));
    let state = events(
        "",
        "قصفت الطائرات أمس مدينة تحت سيطرة فصائل المعارضة في ريف إدلب.",
        "2019-03-16",
    );
    assert!(state.iter().all(|e| e.kind != "battles"), "{state:#?}");
}

#[test]
fn figurative_and_hypothetical_fighting_is_not_coded() {
    let ev = events(
        "",
        "قال الوزير إن المعركة ضد الإرهاب طويلة. وإذا فشل الاتفاق فإن الحركة سترد بهجوم على المدينة. ودعا الطرفين إلى احترام الهدنة.",
        "2019-03-16",
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn an_active_killing_verb_heads_an_event_when_its_doer_is_armed() {
    // fighters killed: a battle
    let ev = events(
        "",
        "قال مصدر عسكري إن وحدات من الجيش قضت على أربعة مسلحين صباح اليوم الأحد في منطقة جبلية قرب مدينة درنة.",
        "2018-05-06",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        (ev[0].kind.as_str(), ev[0].sub_type.as_str()),
        ("battles", "armed_clash")
    );
    assert_eq!(killed(&ev[0]), Some(4));
    // people killed by armed men: violence against civilians
    let ev = events(
        "",
        "قتل مسلحون مجهولون خمسة أشخاص مساء الثلاثاء في قرية قرب مدينة الموصل.",
        "2018-05-09",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "attack");
    assert_eq!(ev[0].actor1.as_ref().unwrap().text, "مسلحون مجهولون");
    assert_eq!(killed(&ev[0]), Some(5));
    // the passive names victims, not a doer; eliminating poverty is no killing
    assert!(events("", "قتل خمسة جنود مساء الثلاثاء قرب مدينة الموصل.", "2018-05-09").is_empty());
    assert!(
        events(
            "",
            "ويهدف البرنامج إلى القضاء على الفقر في مدينة الموصل خلال 5 سنوات.",
            "2018-05-09"
        )
        .is_empty()
    );
}

#[test]
fn stones_and_fire_are_a_riot_only_in_a_crowds_hands() {
    // a crowd throwing stones at soldiers: the youths riot, not the soldiers
    let ev = events(
        "",
        "اندلعت مواجهات مساء اليوم الجمعة في بلدة بيتا مع الشبان الذين رشقوا الجنود بالحجارة.",
        "2020-07-10",
    );
    let riot = ev.iter().find(|e| e.kind == "riots").expect("a riot");
    assert_eq!(riot.actor1.as_ref().unwrap().text, "الشبان");
    // armed men burning houses in a raid: one attack, with its toll
    let ev = events(
        "",
        "هاجم مسلحون قرية في ولاية شمال دارفور مساء الجمعة، ونهبوا ممتلكات السكان وأحرقوا عددا من المنازل، ما أدى إلى مقتل ثلاثة مدنيين.",
        "2020-07-11",
    );
    assert!(ev.iter().all(|e| e.kind != "riots"), "{ev:#?}");
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(3));
}

#[test]
fn raids_and_arrests_by_an_army_are_conflict_events() {
    let ev = events(
        "",
        "اعتقلت قوات الاحتلال الإسرائيلي فجر اليوم الأربعاء عشرة شبان خلال مداهمات في مدينة نابلس.",
        "2021-02-03",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "arrests");
}

#[test]
fn attacking_with_words_is_not_an_attack() {
    assert!(
        events(
            "",
            "هاجم الملحن المعروف المغنية الشهيرة أمس عبر لقاء تلفزيوني في بيروت.",
            "2019-01-10"
        )
        .is_empty()
    );
    let ev = events(
        "",
        "هاجم مسلحون مجهولون أمس حاجزا للشرطة في مدينة العريش.",
        "2019-01-10",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, "battles");
}

#[test]
fn a_verb_and_its_particle_may_have_the_subject_between_them() {
    // "قضت … على" with the doer and a dated aside between verb and particle
    let ev = events(
        "",
        "قضت وحدة للجيش الليبي، صباح أمس الخميس، على ثلاثة مسلحين في اشتباك قرب مدينة درنة.",
        "2018-05-11",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "armed_clash");
    assert_eq!(killed(&ev[0]), Some(3));
    assert_eq!(ev[0].date.as_ref().unwrap().value.as_deref(), Some("2018-05-10"));
    // "أطلق … النار" with the gunmen between, on a civilian
    let ev = events(
        "",
        "أطلق مسلحون مجهولون النار مساء أمس على مواطن في مدينة الموصل.",
        "2018-05-11",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        (ev[0].kind.as_str(), ev[0].sub_type.as_str()),
        ("violence_against_civilians", "attack")
    );
}

#[test]
fn a_protest_dispersed_in_the_next_sentence_is_one_protest() {
    let ev = events(
        "",
        "نظم مئات العمال اليوم الأحد وقفة احتجاجية أمام مقر الولاية في مدينة صفاقس.\nوتدخلت قوات الأمن لتفريق المحتجين بالقوة.",
        "2021-02-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "protest_with_intervention");
}

#[test]
fn a_running_toll_is_one_event_only_when_it_names_one() {
    // a toll of one day's fighting is that day's event
    let ev = events(
        "",
        "ارتفعت حصيلة الاشتباكات التي شهدتها مدينة الزاوية يوم الأحد إلى 12 قتيلا، بحسب مصادر طبية.",
        "2022-07-26",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(12));
    // fighting since a day weeks ago, and a toll over months, are totals
    let ev = events(
        "",
        "أسفرت المعارك الدائرة في مدينة الزاوية منذ الرابع من يونيو عن مقتل 40 شخصا. وبلغ عدد القتلى خلال الأشهر الستة الماضية 300 قتيل.",
        "2022-07-26",
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn an_offensive_launched_or_control_held_is_no_capture() {
    let ev = events(
        "",
        "أعلن الجيش العراقي اليوم الأحد انطلاق عملية تحرير مدينة تلعفر من سيطرة تنظيم داعش.",
        "2017-08-20",
    );
    assert!(ev.iter().all(|e| !e.sub_type.ends_with("territory")), "{ev:#?}");
    let ev = events(
        "",
        "تمكنت القوات العراقية اليوم الأحد من السيطرة على حي الكفاح في مدينة تلعفر.",
        "2017-08-20",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "government_regains_territory");
}

#[test]
fn a_denier_s_own_counter_claim_is_asserted_and_a_denied_capture_stays_apart() {
    let ev = events(
        "",
        "اندلعت اشتباكات عنيفة صباح السبت بين الجيش وقوات المعارضة في مدينة حماة.\nوأعلنت قوات المعارضة سيطرتها على مطار حماة العسكري، في حين نفى الجيش ذلك وقال إن طائراته قصفت مواقع المعارضة في بلدة صوران.",
        "2016-08-28",
    );
    let status = |sub: &str| {
        ev.iter()
            .find(|e| e.sub_type.as_str() == sub)
            .map(|e| e.status.as_str())
    };
    assert_eq!(status("armed_clash"), Some("asserted"), "{ev:#?}");
    assert_eq!(status("air_drone_strike"), Some("asserted"), "{ev:#?}");
    assert!(
        ev.iter()
            .any(|e| e.sub_type.ends_with("territory") && e.status == "denied"),
        "{ev:#?}"
    );
}

#[test]
fn an_earlier_event_used_to_tell_time_is_background() {
    let ev = events(
        "",
        "قتل ثلاثة أشخاص اليوم الأحد في إطلاق نار داخل مركز تجاري في مدينة دالاس، ويأتي الحادث بعد أسبوعين فقط من هجوم مشابه نفذه مسلح في مدينة هيوستن أسفر عن مقتل شخصين.",
        "2019-08-04",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].location.as_ref().map(|l| l.text.as_str()), Some("مدينة دالاس"));
}

#[test]
fn a_clash_between_two_sides_names_each_once() {
    let ev = events(
        "",
        "اندلعت اشتباكات عنيفة مساء أمس بين قوات النظام السوري وفصائل المعارضة قرب بلدة خان شيخون في ريف إدلب.",
        "2019-03-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let (a1, a2) = (ev[0].actor1.as_ref().unwrap(), ev[0].actor2.as_ref().unwrap());
    assert_ne!(a1.text, a2.text, "{ev:#?}");
}

#[test]
fn a_place_the_gazetteer_lacks_is_the_location_by_name_not_the_dateline() {
    // the gazetteer has no إنتاهاكا; the dateline باماكو is far away
    let ev = events(
        "",
        "باماكو (رويترز) - قال الجيش المالي يوم الخميس إن ثلاثة جنود قتلوا وأصيب خمسة آخرون في هجوم شنه مسلحون على موقع عسكري قرب بلدة إنتاهاكا.",
        "2019-07-12",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let loc = ev[0].location.as_ref().expect("a location");
    assert_eq!(loc.text, "إنتاهاكا");
    assert_eq!(loc.place, None, "no coordinates are invented for it");
    let who = ev[0].attribution.as_ref().and_then(|a| a.speaker.as_deref());
    assert_eq!(
        who,
        Some("الجيش المالي"),
        "the date after the speaker is not part of it"
    );
    // a common word after a place cue is not a place: "حي سكني"
    let ev = events(
        "",
        "قتل ثلاثة مدنيين أمس في قصف استهدف حيا سكنيا في مدينة حلب.",
        "2019-07-12",
    );
    assert!(
        ev.iter()
            .all(|e| e.location.as_ref().is_some_and(|l| l.place.is_some())),
        "{ev:#?}"
    );
}

#[test]
fn protests_in_several_towns_are_one_event_per_town() {
    let ev = events(
        "",
        "وخرج مئات المتظاهرين في مدن باماكو وسيغو وموبتي يوم الجمعة احتجاجا على تدهور الوضع الأمني.",
        "2019-07-12",
    );
    let towns: Vec<&str> = ev
        .iter()
        .filter(|e| e.kind == "protests")
        .filter_map(|e| e.location.as_ref().map(|l| l.text.as_str()))
        .collect();
    assert_eq!(towns, vec!["مدن باماكو", "سيغو", "موبتي"], "{ev:#?}");
    assert!(
        ev.iter()
            .all(|e| e.date.as_ref().and_then(|d| d.value.as_deref()) == Some("2019-07-12"))
    );
    // "وسط" begins with و but is not "and": one protest, in the square
    let ev = events(
        "",
        "تظاهر آلاف العراقيين اليوم الجمعة في ساحة التحرير وسط بغداد احتجاجا على نقص الخدمات.",
        "2019-07-12",
    );
    assert_eq!(ev.iter().filter(|e| e.kind == "protests").count(), 1, "{ev:#?}");
}

#[test]
fn dual_nouns_count_two_and_a_demonym_names_the_state_that_struck() {
    let ev = events(
        "",
        "قالت الوكالة الوطنية للإعلام إن غارة إسرائيلية استهدفت فجر اليوم منزلا في بلدة عيتا الشعب، ما أدى إلى سقوط شهيدين وجريحين.",
        "2020-03-17",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!((killed(&ev[0]), wounded(&ev[0])), (Some(2), Some(2)));
    assert_eq!(ev[0].actor1.as_ref().and_then(|a| a.id.as_deref()), Some("country:IL"));
    // the nominative dual of a person word
    let ev = events(
        "",
        "قتل مدنيان وأصيب ثلاثة آخرون اليوم في قصف مدفعي لقوات النظام على مدينة إدلب.",
        "2020-03-17",
    );
    assert_eq!((killed(&ev[0]), wounded(&ev[0])), (Some(2), Some(3)), "{ev:#?}");
}

#[test]
fn foiled_attacks_and_datelines() {
    // a foiled attack did not happen; a country named as the dateline is
    // not the actor of the mine blast
    let ev = events(
        "تونس: مقتل عون من الحرس الوطني في انفجار لغم",
        "أعلنت وزارة الداخلية التونسية، مساء الأحد، عن استشهاد عون من الحرس الوطني إثر انفجار لغم أرضي بجبل الشعانبي. ويأتي هذا بعد أسبوع من إحباط هجوم إرهابي على مركز للأمن في مدينة بن قردان.",
        "2020-03-17",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "remote_explosive_landmine_ied");
    assert_eq!(ev[0].actor1, None);
    assert_eq!(killed(&ev[0]), Some(1));
    // fighting "since Saturday" three days ago is one event, not a running total
    let ev = events(
        "",
        "لقي 17 شخصا على الأقل مصرعهم في اشتباكات قبلية اندلعت منذ السبت في محلية قريضة بولاية جنوب دارفور، بحسب ما أفاد مسؤول محلي الإثنين.",
        "2020-03-17",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(17));
    let who = ev[0].attribution.as_ref().and_then(|a| a.speaker.as_deref());
    assert_eq!(who, Some("مسؤول محلي"));
}

#[test]
fn fighters_of_a_named_group_are_that_group() {
    let ev = events(
        "",
        "قتل 12 جنديا صوماليا صباح اليوم الأحد عندما هاجم مسلحون من حركة الشباب قاعدة عسكرية في مدينة مقديشو.",
        "2021-08-29",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_ref().map(|a| a.text.as_str()), Some("حركة الشباب"));
    assert!(ev[0].actor2.as_ref().is_none_or(|a| a.text != "مسلحون"), "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(12));
}

#[test]
fn the_count_before_a_subset_and_no_report_of_casualties() {
    let ev = events(
        "",
        "قال المرصد السوري لحقوق الإنسان إن خمسة مدنيين بينهم ثلاثة أطفال قتلوا اليوم الثلاثاء جراء غارات جوية شنتها طائرات حربية روسية على بلدة كفرنبل. وأشار المرصد إلى أن قوات النظام قصفت بالمدفعية الثقيلة بلدة حاس، دون ورود أنباء عن إصابات.",
        "2019-05-14",
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(killed(&ev[0]), Some(5));
    // "دون ورود أنباء" is no hearsay; the artillery is the means, not the target
    assert_eq!(ev[1].status, "asserted");
    assert_eq!(ev[1].actor2, None);
}

#[test]
fn the_dateline_is_a_last_resort_and_a_raid_that_became_a_fight_is_the_fight() {
    let ev = events(
        "",
        "القاهرة - أعلنت وزارة الداخلية المصرية، اليوم السبت، مقتل سبعة عناصر إرهابية خلال تبادل لإطلاق النار مع قوات الأمن أثناء مداهمة وكر لهم بمدينة العريش في شمال سيناء.",
        "2019-05-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "armed_clash");
    assert_eq!(ev[0].location.as_ref().map(|l| l.text.as_str()), Some("مدينة العريش"));
    assert_eq!(killed(&ev[0]), Some(7));
    // with no other place the dateline stands in
    let ev = events("", "بغداد - قتل خمسة أشخاص اليوم في انفجار عبوة ناسفة.", "2019-05-14");
    assert_eq!(
        ev[0].location.as_ref().map(|l| l.text.as_str()),
        Some("بغداد"),
        "{ev:#?}"
    );
}

#[test]
fn shot_while_protesting_is_excessive_force_and_bullets_name_the_shooter() {
    let ev = events(
        "",
        "استشهد شاب فلسطيني وأصيب آخرون، مساء اليوم الجمعة، برصاص قوات الاحتلال الإسرائيلي خلال مشاركتهم في مسيرات العودة شرق مدينة خان يونس.",
        "2019-05-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "excessive_force_against_protesters");
    assert_eq!(killed(&ev[0]), Some(1));
    let ev = events(
        "",
        "وقالت مصادر يمنية إن 6 حوثيين قتلوا اليوم برصاص المقاومة الشعبية شمالي مدينة عدن.",
        "2019-05-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_ref().map(|a| a.text.as_str()), Some("المقاومة الشعبية"));
    assert_eq!(killed(&ev[0]), Some(6));
}

#[test]
fn a_death_sentence_is_no_execution_and_a_verb_after_wa_has_its_subject_after_it() {
    let ev = events(
        "",
        "قضت محكمة جنايات مصرية أمس في القضية نفسها بإعدام عشرة متهمين دينوا بتكوين تنظيم إرهابي. وأعدم تنظيم داعش أمس 25 شخصا في مدينة تدمر.",
        "2019-05-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].actor1.as_ref().map(|a| a.text.as_str()), Some("تنظيم داعش"));
    assert_eq!(killed(&ev[0]), Some(25));
}

#[test]
fn victims_counted_past_a_long_doer_and_the_group_it_belongs_to() {
    let ev = events(
        "",
        "قتل مسلحون يشتبه في انتمائهم لجماعة بوكو حرام 43 مزارعا على الأقل في قرية قرب مدينة مايدوغوري يوم السبت.",
        "2020-11-29",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.sub_type, "attack");
    assert_eq!(killed(e), Some(43));
    assert_eq!(e.actor1.as_ref().unwrap().id.as_deref(), Some("org:boko_haram"));
    assert!(e.actor2.is_none(), "{:?}", e.actor2);
    // a time span between verb and count makes a running total
    let total = events(
        "",
        "وقال ناشط إن التنظيم قتل منذ سيطرته على المدينة الصيف الماضي وحتى الآن 2070 شخصا.",
        "2015-08-06",
    );
    assert!(total.iter().all(|e| killed(e) != Some(2070)), "{total:#?}");
}

#[test]
fn dismantling_a_cell_is_an_arrest_even_when_the_headline_says_so() {
    // a short headline inside a long lead sentence does not make the lead an
    // echo of the headline
    let ev = events(
        "تفكيك خلية إرهابية",
        "الرباط - أعلن المكتب المركزي للأبحاث القضائية، اليوم الثلاثاء، عن تفكيك خلية إرهابية تتكون من ستة عناصر موالين لتنظيم داعش، تنشط بمدينة طنجة.",
        "2019-09-10",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "arrests");
    assert_eq!(ev[0].date.as_ref().unwrap().value.as_deref(), Some("2019-09-10"));
    assert!(ev[0].location.as_ref().unwrap().text.contains("طنجة"));
}

#[test]
fn a_toll_told_before_the_attack_it_belongs_to() {
    let ev = events(
        "",
        "ارتفع عدد ضحايا الهجوم الذي استهدف مسجدا بقرية الروضة في محافظة شمال سيناء إلى 235 قتيلا و109 مصابين، وفق ما أعلنته النيابة العامة اليوم الجمعة.\nوقال شهود عيان إن مسلحين فجروا عبوة ناسفة داخل المسجد أثناء الصلاة.",
        "2017-11-24",
    );
    let ied: Vec<_> = ev
        .iter()
        .filter(|e| e.sub_type == "remote_explosive_landmine_ied")
        .collect();
    assert_eq!(ied.len(), 1, "{ev:#?}");
    assert_eq!((killed(ied[0]), wounded(ied[0])), (Some(235), Some(109)));
    assert!(ied[0].location.as_ref().unwrap().text.contains("الروضة"));
    let who = ied[0].attribution.as_ref().and_then(|a| a.speaker.clone());
    assert_eq!(who.as_deref(), Some("النيابة العامة"));
}

#[test]
fn a_states_forces_named_by_demonym_act_and_bombard_from_the_ground() {
    let ev = events(
        "",
        "وأعلن التحالف أن القوات اليمنية الموالية للحكومة سيطرت أمس على مناطق جنوب مدينة الحديدة.",
        "2018-06-14",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "government_regains_territory");
    assert_eq!(ev[0].actor1.as_ref().unwrap().id.as_deref(), Some("country:YE"));
    // "قصفت" by a force on the ground is shelling; the noun of background is no event
    let shelled = events(
        "",
        "وقصفت القوات التركية أمس مواقع للنظام السوري في ريف إدلب.",
        "2020-02-28",
    );
    assert_eq!(shelled.len(), 1, "{shelled:#?}");
    assert_eq!(shelled[0].sub_type, "shelling_artillery_missile_attack");
    let background = events(
        "",
        "وأدانت المنظمة أمس القصف العشوائي الذي تمارسه الميليشيات على الأحياء السكنية في مدينة تعز.",
        "2015-07-21",
    );
    assert!(background.is_empty(), "{background:#?}");
}

#[test]
fn gunmen_killing_people_in_a_town_attack_civilians() {
    // the outlet in the dateline ("إذاعة فرنسا الدولية") is no force among the dead
    let ev = events(
        "",
        "واغادوغو - إذاعة فرنسا الدولية: قتل 79 شخصا على الأقل في هجوم شنه مسلحون ليل السبت إلى الأحد على بلدة سيتينغا في شمال بوركينا فاسو.",
        "2022-06-13",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        (ev[0].kind.as_str(), ev[0].sub_type.as_str()),
        ("violence_against_civilians", "attack")
    );
    assert_eq!(killed(&ev[0]), Some(79));
    // soldiers among the dead make it a battle
    let clash = events(
        "",
        "قتل 11 جنديا في هجوم شنه مسلحون ليل السبت على موقع للجيش في شمال بوركينا فاسو.",
        "2022-06-13",
    );
    assert_eq!(clash.len(), 1, "{clash:#?}");
    assert_eq!(clash[0].sub_type, "armed_clash");
}

#[test]
fn a_claim_of_responsibility_names_the_doer_of_the_attack_told_before() {
    let ev = events(
        "",
        "بغداد - قتل 32 شخصا وأصيب 110 آخرون بتفجيرين انتحاريين استهدفا سوقا شعبية في ساحة الطيران وسط بغداد صباح اليوم الخميس.\nوتبنى تنظيم داعش الهجوم في بيان نشره عبر وكالة أعماق.",
        "2021-01-21",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].sub_type, "suicide_bomb");
    assert_eq!(ev[0].actor1.as_ref().unwrap().id.as_deref(), Some("org:isis"));
    // a claim told with the speaker's verb ("أعلن … مسؤوليته عن الهجوم")
    let claimed = events(
        "",
        "قتل 13 جنديا و60 مدنيا في تفجيرين انتحاريين خارج مطار كابول أمس الخميس.\nوأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم في بيان.",
        "2021-08-27",
    );
    assert_eq!(claimed.len(), 1, "{claimed:#?}");
    assert_eq!(claimed[0].actor1.as_ref().unwrap().id.as_deref(), Some("org:isis"));
    // blame refers back but names nobody for certain
    let blamed = events(
        "",
        "قتل 100 شخص على الأقل في انفجار سيارتين مفخختين في العاصمة مقديشو أمس السبت.\nوحمل الرئيس حركة الشباب مسؤولية الهجوم.",
        "2022-10-30",
    );
    assert_eq!(blamed.len(), 1, "{blamed:#?}");
    assert!(blamed[0].actor1.is_none(), "{:?}", blamed[0].actor1);
    let accused = events(
        "",
        "قتل 134 شخصا على الأقل في هجوم شنه مسلحون على قرية أوغوساغو وسط مالي صباح السبت.\nوأعلنت الحكومة حل الميليشيا المتهمة بتنفيذ الهجوم.",
        "2019-03-24",
    );
    assert_eq!(accused.len(), 1, "{accused:#?}");
}

#[test]
fn a_massacre_with_its_dead_counted_in_a_camp_named_for_its_town() {
    let ev = events(
        "",
        "أعلنت وزارة الصحة في غزة، السبت، ارتفاع حصيلة ضحايا المجزرة الإسرائيلية في مخيم النصيرات وسط القطاع إلى 210 شهداء وأكثر من 400 جريح.",
        "2024-06-08",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(
        (e.kind.as_str(), e.sub_type.as_str()),
        ("violence_against_civilians", "attack")
    );
    assert_eq!((killed(e), wounded(e)), (Some(210), Some(401)));
    assert!(e.location.as_ref().unwrap().place.is_some(), "{:?}", e.location);
    // remembered, or said of animals with no date, it is no event
    let memory = events(
        "",
        "وتصادف نهاية هذا الأسبوع الذكرى العشرين للمذبحة التي قتل فيها ثمانية آلاف رجل.",
        "2015-07-21",
    );
    assert!(memory.is_empty(), "{memory:#?}");
}

#[test]
fn civilians_fighting_the_police_riot_and_their_arrests_count() {
    let ev = events(
        "",
        "أعلنت وزارة الداخلية التونسية اليوم الاثنين توقيف 632 شخصا إثر مواجهات ليلية بين شبان وقوات الأمن في مدينتي سوسة والقصرين.",
        "2021-01-18",
    );
    let riots: Vec<_> = ev.iter().filter(|e| e.sub_type == "violent_demonstration").collect();
    assert_eq!(riots.len(), 2, "{ev:#?}");
    assert_eq!(riots[0].actor1.as_ref().map(|a| a.text.as_str()), Some("شبان"));
    assert!(ev.iter().any(|e| e.sub_type == "arrests"), "{ev:#?}");
    // armed men fighting the army is a battle
    let battle = events(
        "",
        "اندلعت اليوم الاثنين مواجهات بين مسلحين وقوات الجيش في مدينة القصرين.",
        "2021-01-18",
    );
    assert_eq!(battle.len(), 1, "{battle:#?}");
    assert_eq!(battle[0].sub_type, "armed_clash");
}

#[test]
fn tear_gas_at_a_protest_is_an_intervention_however_it_is_spelled() {
    for gas in ["الغاز المسيل للدموع", "الغازات المسيلة للدموع", "قنابل مسيلة للدموع"]
    {
        let text = format!(
            "خرج آلاف المتظاهرين اليوم الجمعة في مسيرات بالعاصمة الجزائر.\nواستخدمت الشرطة {gas} ضد المتظاهرين."
        );
        let ev = events("", &text, "2019-03-01");
        assert_eq!(ev.len(), 1, "{gas}: {ev:#?}");
        assert_eq!(ev[0].sub_type, "protest_with_intervention", "{gas}");
    }
}
