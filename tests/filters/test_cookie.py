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
