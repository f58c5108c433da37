from django.template.response import TemplateResponse


def search(request):
    """Search the policy in the language of the page (results come with their own issue)."""
    return TemplateResponse(
        request, "search/search.html", {"query": request.GET.get("q", "")}
    )
