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


def test_chinese_menu_row_above_the_headline(cleaner, removed_by):
    # A portal's section menu printed between the headline and the story: the menu row is
    # navigation, and the headline above it stays the article's title.
    text = "\n".join(["北京今年冬季供暖提前启动", "首页 新闻 体育 娱乐",
                      "记者从北京市城市管理委员会获悉,受冷空气影响,北京市今年冬季供暖将比往年提前五天启动,"
                      "全市各供热单位已经做好准备。据介绍,今年全市供热面积达到九亿平方米。"])
    r = cleaner.clean(text)
    assert removed_by(r, "首页 新闻 体育 娱乐") == "zh-menu-row"
    assert removed_by(r, "北京今年冬季供暖提前启动") is None
    assert r.text.startswith("北京今年冬季供暖提前启动")
