from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityprofilesConfig(AppConfig):
    name = "cityprofiles"
    verbose_name = _("city profiles")
