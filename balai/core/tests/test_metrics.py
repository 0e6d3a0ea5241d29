from balai.core.metrics import Gauge, exposition


def test_exposition_is_prometheus_text_with_escaped_labels():
    text = exposition([
        Gauge("balai_b", "Second.", lambda: [({}, 2.5)]),
        Gauge("balai_a", "First.", lambda: [({"status": 'ba"ru\n'}, 3), ({"status": "x"}, None)]),
    ])
    assert text == (
        "# HELP balai_a First.\n# TYPE balai_a gauge\n"
        'balai_a{status="ba\\"ru\\n"} 3\n'
        "# HELP balai_b Second.\n# TYPE balai_b gauge\nbalai_b 2.5\n"
    )
