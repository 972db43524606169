"""The page-type guess from the content's shape (``cleaner.dom.shape``)."""
from cleaner.document import Block
from cleaner.dom.shape import guess_type


def _blocks(*kinds):
    return [Block(i, f"block {i}", kind) for i, kind in enumerate(kinds)]


def test_code_with_lists_or_tables_is_documentation():
    blocks = _blocks("heading", "paragraph", "code", "list_item", "list_item")
    assert guess_type(blocks, [True] * 5, [0, 300, 0, 10, 10], listing=False) == "documentation"


def test_three_prose_paragraphs_make_an_article_and_fewer_a_service_page():
    blocks = _blocks("paragraph", "paragraph", "paragraph", "paragraph")
    assert guess_type(blocks, [True] * 4, [250, 250, 250, 40], listing=False) == "article"
    # a paragraph outside the content does not count
    assert guess_type(blocks, [True, True, False, True], [250, 250, 250, 40], listing=False) == "service"


def test_a_container_of_links_is_a_listing():
    blocks = _blocks("list_item", "list_item", "paragraph")
    assert guess_type(blocks, [True] * 3, [0, 0, 250], listing=True) == "listing"
