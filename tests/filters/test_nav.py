BODY = ("The company, which is expected to lay off thousands of employees beginning this week as it faces "
        "ballooning losses, confirmed on Monday that it had been contacted by the office of the attorney general.")


def test_navigation_and_login_lines(cleaner, removed_by):
    text = "\n".join(["Skip to main content", "Home › Politics", "Sign In", "Download our app",
                      "Investigation into WeWork widens", BODY, BODY.replace("Monday", "Tuesday")])
    r = cleaner.clean(text)
    assert removed_by(r, "Skip to main content") == "en-skip-link"
    assert removed_by(r, "Home › Politics") in ("en-menu-row", "en-breadcrumb")
    assert removed_by(r, "Sign In") == "en-ui-word"
    assert removed_by(r, "Download our app") == "en-app-banner"
    assert r.text.startswith("Investigation into WeWork widens")


def test_chinese_app_and_login_header(cleaner, removed_by):
    text = "\n".join(["看看新闻APP", "扫描二维码下载APP", "登录", "个人中心", "退出登录", "王毅会见联合国秘书长古特雷斯",
                      "当地时间2023年11月28日,中共中央政治局委员、外交部长王毅在纽约联合国总部会见联合国秘书长古特雷斯,双方就巴以冲突交换了意见。"])
    r = cleaner.clean(text)
    assert removed_by(r, "看看新闻APP") == "zh-app-name"
    assert removed_by(r, "扫描二维码下载APP") == "zh-app-login"
    assert removed_by(r, "退出登录") == "zh-app-login"
    assert r.text.startswith("王毅会见联合国秘书长古特雷斯")
