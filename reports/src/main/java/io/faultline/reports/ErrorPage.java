package io.faultline.reports;

/** The page the results browser answers with when it cannot serve what was asked: a title and the reason, as text. */
final class ErrorPage {

    private ErrorPage() {}

    static String render(int status, String title, String reason) {
        Html html = new Html();
        html.trusted("<!DOCTYPE html>");
        html.open("html", "lang", "en").open("head");
        html.empty("meta", "charset", "utf-8");
        html.element("title", status + " " + title);
        html.close().open("body");
        html.element("h1", title);
        html.element("p", reason, "class", "reason");
        html.open("p").element("a", "all runs", "href", "/").close();
        html.close().close();
        return html.toString();
    }
}
