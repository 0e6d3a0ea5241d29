from balai.community_groups import coverage_map

SQUARE = {"type": "Polygon", "coordinates": [[[112.60, -7.90], [112.62, -7.90],
                                              [112.62, -7.92], [112.60, -7.92],
                                              [112.60, -7.90]]]}
EAST = {"type": "MultiPolygon", "coordinates": [[[[112.62, -7.90], [112.64, -7.90],
                                                  [112.64, -7.92], [112.62, -7.90]]]]}


def test_boundaries_are_drawn_north_up_side_by_side_with_their_labels():
    drawn = coverage_map.draw([("1", "Tlogomas", SQUARE, True), ("2", "Dinoyo", EAST, False)])
    west, east = drawn.shapes
    assert drawn.width == 600 and 0 < drawn.height < 600  # about half as tall as wide
    assert west.d.startswith("M0.0 0.0") and west.has_kim and not east.has_kim
    # labels on the point deepest inside: a square's centre, inside the triangle
    assert abs(west.label_x - 150) < 2 and abs(west.label_y - drawn.height / 2) < 2
    assert 450 < east.label_x < 600 and east.label_y < drawn.height / 2
    assert [kind for kind, _x, _y in west.labels] == ["narrow", "wide"]


def test_no_boundary_no_map():
    assert coverage_map.draw([("1", "X", {"type": "Point", "coordinates": [1, 2]}, True)]) \
        is None
    assert coverage_map.draw([]) is None


def square(west, south, side):
    return {"type": "Polygon", "coordinates": [[[west, south], [west + side, south],
                                                [west + side, south + side],
                                                [west, south + side], [west, south]]]}


def boxes(drawn, kind):
    found = []
    for sh in drawn.shapes:
        for k, x, y in sh.labels:
            if k == kind:
                half_w, half_h = coverage_map.label_size(
                    sh.name, coverage_map.LABEL_WIDE if kind == "wide"
                    else coverage_map.LABEL_NARROW, sh.has_kim)
                found.append((sh.name, x - half_w, y - half_h, x + half_w, y + half_h))
    return found


def test_labels_never_overlap_and_the_kim_are_named_first():
    """A grid of small kelurahan with long names: not every name fits; those drawn never
    touch each other or leave the map, and the kelurahan with a KIM get theirs first."""
    areas = [(f"{i}", f"Kelurahan Panjang {i}", square(112.6 + 0.01 * (i % 8),
                                                       -7.9 + 0.01 * (i // 8), 0.01),
              i in (13, 27)) for i in range(48)]
    drawn = coverage_map.draw(areas)
    for kind in ("narrow", "wide"):
        placed = boxes(drawn, kind)
        assert 0 < len(placed) < 48
        for n, a in enumerate(placed):
            assert a[1] >= 0 and a[3] <= drawn.width and a[2] >= 0 and a[4] <= drawn.height
            for b in placed[n + 1:]:
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (a, b)
        names = {p[0] for p in placed}
        assert {"Kelurahan Panjang 13", "Kelurahan Panjang 27"} <= names


def test_a_label_at_the_edge_moves_in_and_stays_inside_its_kelurahan():
    wide_east = {"type": "Polygon", "coordinates": [[[112.60, -7.90], [112.70, -7.90],
                                                     [112.70, -7.89], [112.60, -7.89],
                                                     [112.60, -7.90]]]}
    sliver = {"type": "Polygon", "coordinates": [[[112.70, -7.95], [112.701, -7.95],
                                                  [112.701, -7.85], [112.70, -7.85],
                                                  [112.70, -7.95]]]}
    drawn = coverage_map.draw([("1", "Kelurahan Lebar", wide_east, False),
                               ("2", "Cemorokandang", sliver, True)])
    by_name = {sh.name: sh for sh in drawn.shapes}
    assert by_name["Kelurahan Lebar"].labels  # room enough
    # the sliver on the east edge is too thin: its label would have to leave it
    assert by_name["Cemorokandang"].labels == ()
