"""Date formats of the hub's languages (FORMAT_MODULE_PATH), overriding only what Django's own
locale formats get wrong for us: every date is unambiguous and written the way its readers
write it ("1 Dec 2026", "1 déc. 2026", "1 ديسمبر 2026"), never "12/01/2026", which an
American reads as the first of December and everyone else as the twelfth of January.

Numbers keep Django's locale formats: Western digits in all three languages (as in the
Maghreb, Lebanon and the Gulf's official sites), decimal separator of the language, and no
thousands separator (USE_THOUSAND_SEPARATOR stays off), because years and identifiers printed
in templates would otherwise read "2,026".
"""
