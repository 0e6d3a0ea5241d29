"""Logging in through the real login page, as a browser test's first step."""


def log_in(page, user, password: str) -> None:
    """Sign `user` in on /akun/masuk/ and wait for the workdesk."""
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat e-mail").fill(user.email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/meja-kerja/")
