"""The completion report (staff: every city and region; a focal point: their city) and its CSV.

Members who are not a city's focal point get a 404: their own progress is on their module pages,
and nothing here is theirs to see.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.utils import flatatt
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View

from hub.http import authenticated_user
from hub.models import Region
from training import reports
from training.selectors_reports import report_get, report_modules, report_scope

if TYPE_CHECKING:
    from django.http import HttpRequest

    from training.models import Module

# Rows on one page of the report; the CSV holds them all.
PER_PAGE = 100


class PlainSelect(forms.Select):
    """A select written out here rather than by a template per option (the module list of the
    report is long, and Django's widget templates cost more than the report's rows)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(v), mark_safe(" selected") if str(v) in chosen else "", label)  # noqa: S308
                for v, label in self.choices
            ),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class ReportFilterForm(forms.Form):
    module = forms.TypedChoiceField(
        label=_("Module"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=pgettext_lazy("region filter", "All regions"),
        widget=PlainSelect,
    )
    by = forms.ChoiceField(
        label=_("Figures by"),
        required=False,
        widget=PlainSelect,
        choices=[
            (reports.BY_CITY, pgettext_lazy("report by", "City")),
            (reports.BY_REGION, pgettext_lazy("report by", "Region")),
        ],
    )

    def __init__(self, *args: Any, modules: list[Module], with_places: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.modules = {m.pk: m for m in modules}
        self.fields["module"].choices = [  # type: ignore[attr-defined]
            ("", pgettext_lazy("module filter", "All modules")),
            *((m.pk, m.title) for m in modules),
        ]
        if with_places:
            self.fields["region"].queryset = Region.objects.in_name_order()  # type: ignore[attr-defined]
        else:
            del self.fields["region"], self.fields["by"]

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        module_id = data.get("module")
        return {
            "module": self.modules.get(module_id) if module_id else None,
            "region": data.get("region"),
            "by": data.get("by") or reports.BY_CITY,
        }


def _report(request: HttpRequest, *, paged: bool) -> tuple[ReportFilterForm, Any]:
    user = authenticated_user(request)
    city = report_scope(user)
    modules = report_modules(user)
    form = ReportFilterForm(request.GET or None, modules=modules, with_places=city is None)
    page = (request.GET.get("page") or 1) if paged else None
    report = report_get(user=user, modules=modules, page=page, per_page=PER_PAGE, **form.filters())
    return form, report


class ReportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, report = _report(request, paged=True)
        page = report.page
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "report": report,
            "page_obj": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number),
            "base_query": query.urlencode(),
            "by_region": report.by == reports.BY_REGION,
        }
        status = 400 if form.is_bound and not form.is_valid() else 200
        return render(request, "training/report.html", context, status=status)


CSV_COLUMNS = (
    "module",
    "module_slug",
    "place",
    "place_slug",
    "enrolled",
    "not_started",
    "in_progress",
    "completed",
    "completion_rate_percent",
)


class ReportCsvView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, report = _report(request, paged=False)
        if form.is_bound and not form.is_valid():
            return ReportView().get(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = (
            f'attachment; filename="training-completion-{report.by}-{stamp}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for line in report.lines:
            figures = line.figures
            writer.writerow(
                [
                    reports.csv_cell(value)
                    for value in (
                        line.module.title,
                        line.module.slug,
                        line.place.name,
                        line.place.slug,
                        figures.enrolled,
                        figures.not_started,
                        figures.in_progress,
                        figures.completed,
                        figures.rate,
                    )
                ]
            )
        return response
