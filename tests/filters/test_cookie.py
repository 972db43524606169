BODY = ("The minister said the talks would continue next week in Geneva, with all parties present at the "
        "table, and that a ceasefire remained the first priority for everyone involved in them.")


def test_cookie_notice_and_buttons(cleaner, removed_by):
    notice = "We use cookies to improve your experience on our website. By continuing, you agree to our Cookie Policy."
    r = cleaner.clean("\n".join(["Talks to resume", BODY, notice, "Accept all cookies", "Manage preferences"]))
    assert removed_by(r, "We use cookies") == "en-cookie-notice"
    assert removed_by(r, "Accept all cookies") == "en-consent-button"
    assert "cookie" not in r.text.lower()


def test_cookies_as_food_are_kept(cleaner, removed_by):
    food = "Bakers in the town say the cookies sold out within an hour of the festival opening on Saturday morning."
    r = cleaner.clean("\n".join(["Festival opens", BODY, food]))
    assert removed_by(r, "Bakers in the town") is None


def test_a_consent_centre_printed_under_the_page_is_no_article(cleaner, removed_by):
    # a podcast's show notes, then the consent centre a scraper printed from a hidden dialog
    # (its category explanations and cookie table); before, its paragraphs outweighed the
    # notes and became the article region
    notes = ["Home Networks and Cyber Security",
             "Now that many of us are doing business out of our homes, is it time for an upgrade of the home network?",
             "Michael Oh was a freshman at MIT studying aerospace engineering when he began his first company, "
             "and he has been fixing the networks of homes and offices ever since then.",
             "Tell me your story! I am working on a series called Renovation Stories, which will feature listeners."]
    centre = ["Privacy Overview",
              "This website uses cookies to improve your experience while you navigate through the website. Out of "
              "these, the cookies that are categorized as necessary are stored on your browser as they are essential "
              "for the working of basic functionalities of the website. We also use third-party cookies that help us "
              "analyze and understand how you use this website.",
              "Necessary", "Always Enabled",
              "Necessary cookies are absolutely essential for the website to function properly. These cookies ensure "
              "basic functionalities and security features of the website, anonymously.",
              "Cookie Duration Description",
              "cookielawinfo-checkbox-analytics 11 months This cookie is set by GDPR Cookie Consent plugin. The cookie "
              "is used to store the user consent for the cookies in the category Analytics.",
              "Functional",
              "Functional cookies help to perform certain functionalities like sharing the content of the website on "
              "social media platforms, collecting feedbacks, and other third-party features.",
              "Analytics",
              "Analytical cookies are used to understand how visitors interact with the website. These cookies help "
              "provide information on metrics the number of visitors, bounce rate, traffic source, etc."]
    r = cleaner.clean("\n".join(notes + centre))
    for line in ("This website uses cookies to improve", "Necessary cookies are", "Cookie Duration Description",
                 "cookielawinfo-checkbox-analytics", "Functional cookies", "Analytical cookies"):
        assert removed_by(r, line) == "en-cookie-categories"
    assert notes[2] in r.text and "cookie" not in r.text.lower()
