from balai.documents.checks import demo_signer_in_production


def test_deploy_check_warns_while_the_demo_signer_is_used(settings):
    settings.DOCUMENTS_SIGNING_P12 = ""
    assert [w.id for w in demo_signer_in_production(None)] == ["documents.I001"]
    settings.DOCUMENTS_SIGNING_P12 = "/etc/balai/pemda.p12"
    assert demo_signer_in_production(None) == []
