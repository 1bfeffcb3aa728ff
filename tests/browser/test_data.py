def test_data_page_has_no_axe_violations(page, site, axe):
    page.goto(site + "/data/")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_data_page_has_no_sideways_scrolling_on_a_320px_phone(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + "/data/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_keyboard_user_downloads_the_roles_csv(page, site, tmp_path):
    page.goto(site + "/data/")
    link = page.get_by_role("link", name="Roles as CSV")
    link.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "care-career-paths-roles.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffslug,title,")
    assert "deputy-manager" in text
