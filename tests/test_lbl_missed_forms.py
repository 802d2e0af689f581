"""LBL002 beyond the exact string: a bare word in an entity's slot of a table or list, the
plural / title-case / period-less form of an annotated name, the first or last word of a
person named earlier in the document, and an annotated name followed by a word the same
document annotates it before. Each signal has a look-alike that must stay quiet."""

from __future__ import annotations


def missed(lint, files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    result = lint(files, select=["LBL002"])
    assert not result.internal_errors
    return sorted((f.path, f.line, f.column, f.evidence["suggested"])
                  for f in result.findings)


# ------------------------------------------------------------------------------ frames

TABLE = ("Standings :\n1. [ORG Alpha  ] 10\n2. [ORG Bravo  ] 8\n3. [ORG Corvex  ] 7\n"
         "4. Delmar 5\n")


def test_a_bare_word_in_a_table_row_where_entities_sit_is_reported(lint):
    assert missed(lint, {"table.txt": TABLE}) == [("table.txt", 5, 4, "ORG")]


def test_a_bare_word_in_a_list_slot_is_reported(lint):
    text = ("Ratings : [ORG Moodar  ] : A1 [ORG Sandpo  ] : AA- Fitchel : AA-\n"
            "Again : [ORG Moodar  ] : A1 [ORG Sandpo  ] : AA- Fitchel : AA-\n")
    found = missed(lint, {"list.txt": text})
    assert [(line, label) for _, line, _, label in found] == [(1, "ORG"), (2, "ORG")]


def test_a_lexical_frame_is_not_a_slot(lint):
    # "X said the" frames names and pronouns alike: never a frame
    text = ("[PER Anna Volk  ] said the talks went well .\n"
            "[PER Boris Lenk  ] said the talks went badly .\n"
            "Yesterday , Nobody said the talks ended .\n")
    assert missed(lint, {"said.txt": text}) == []


def test_a_unit_repeated_down_a_column_is_not_a_slot(lint):
    # the bare word fills the slot more often than the entities do: the column's unit
    text = "".join(f"CALL {c} 9{i}.00 PCT 1.1{i} [MISC DEM  ] 1.{i}0 PCT 8{i}.2 PCT\n"
                   for i, c in enumerate("AB"))
    assert missed(lint, {"units.txt": text}) == []


def test_a_word_after_a_sentence_break_is_not_a_slot(lint):
    text = ("IP / 96 / 805 : [ORG Comexa  ] finds no breach .\n"
            "IP / 96 / 806 : [ORG Comexa  ] clears the deal .\n"
            "SPEECH / 96 / 202 : Speech by the commissioner .\n")
    assert missed(lint, {"break.txt": text}) == []


def test_part_of_a_longer_run_is_not_a_slot(lint):
    # "TV" of "Commercial TV" sits in the row-label column, but the name is the whole run
    text = ("Business [LOC Europe  ] 231 24\nBusiness [LOC Asia  ] 382 61\n"
            "Business Commercial TV 127 6\n")
    assert missed(lint, {"rows.txt": text}) == []


def test_a_parenthesised_aside_is_not_a_slot(lint):
    text = ("[PER Ann Lee  ] ( [LOC Kenya  ] ) beat [PER Bo Tan  ] ( [LOC Peru  ] )\n"
            "[PER Cy Ray  ] ( Quoted ) lost .\n")
    assert missed(lint, {"aside.txt": text}) == []


# ------------------------------------------------------------------------------- forms

def test_the_plural_of_an_annotated_nationality_is_reported(lint):
    files = {f"n{i}.txt": f"The [MISC Ruritanian  ] police said so {i} .\n" for i in range(3)}
    files["bare.txt"] = "The police questioned two Ruritanians yesterday .\n"
    assert missed(lint, files) == [("bare.txt", 1, 27, "MISC")]


def test_the_plural_of_an_acronym_is_a_common_noun(lint):
    files = {f"c{i}.txt": f"The [ORG CODEL  ] arrived on day {i} .\n" for i in range(3)}
    files["bare.txt"] = "Two more CODELs left on Monday .\n"
    assert missed(lint, files) == []


def test_the_title_case_of_an_all_caps_dateline_is_reported(lint):
    text = ("[LOC ZENDALL  ] , [LOC Ruritania  ] 1996-08-22\n"
            "The fair in Zendall opened on Monday .\n")
    assert missed(lint, {"fair.txt": text}) == [("fair.txt", 2, 13, "LOC")]


def test_the_title_case_of_an_all_caps_headline_name_stays_quiet(lint):
    # a headline's case says nothing: its "[LOC GOLFO ]" may be the sport of the story
    text = "[LOC GOLFO  ] - LEADING SCORES\nThe fair in Golfo opened on Monday .\n"
    assert missed(lint, {"golf.txt": text}) == []


def test_the_title_case_of_a_short_acronym_stays_quiet(lint):
    text = "[ORG SEKR  ] , [LOC Ruritania  ] 1996-08-22\nThe fair in Sekr opened on Monday .\n"
    assert missed(lint, {"sec.txt": text}) == []


def test_a_word_the_document_writes_in_lower_case_stays_quiet(lint):
    text = ("[LOC GOLFO  ] , [LOC Ruritania  ] 1996-08-22\n"
            "The fair in Golfo said golfo is played there .\n")
    assert missed(lint, {"golf.txt": text}) == []


def test_an_abbreviation_without_its_final_period_is_reported(lint):
    files = {f"u{i}.txt": f"The [ORG U.Z.  ] envoy spoke on day {i} .\n" for i in range(3)}
    files["bare.txt"] = "The deal was signed with U.Z .\n"
    assert missed(lint, files) == [("bare.txt", 1, 26, "ORG")]


def test_a_word_without_an_inner_period_is_not_an_abbreviation_form(lint):
    files = {f"c{i}.txt": f"Shares of [ORG Co.  ] rose on day {i} .\n" for i in range(3)}
    files["bare.txt"] = "The firm and its Co rose .\n"
    assert missed(lint, files) == []


def test_a_first_name_after_the_full_name_is_reported(lint):
    text = ("Police chief [PER Vantik Chaloor  ] spoke on Monday .\n"
            "The prisoners escaped at night , Vantik said .\n")
    assert missed(lint, {"name.txt": text}) == [("name.txt", 2, 34, "PER")]


def test_a_word_of_an_organisation_name_is_not_a_name_part(lint):
    text = ("The [ORG Corvel Holdings  ] results came out .\n"
            "Analysts said Corvel shares fell .\n")
    assert missed(lint, {"org.txt": text}) == []


def test_a_name_part_the_document_writes_in_lower_case_stays_quiet(lint):
    text = ("Coach [PER Jim Brownel  ] spoke .\nThe brownel leaves fell , Brownel said .\n")
    assert missed(lint, {"lower.txt": text}) == []


# ------------------------------------------------------------------------- continuation

def test_a_name_before_a_word_the_document_annotates_it_before_is_reported(lint):
    text = ("Contents of [ORG OJ  ] No L 211 .\n"
            "Refunds on sugar ( OJ No L 187 of 26.7.1996 ) .\n")
    assert missed(lint, {"oj.txt": text}) == [("oj.txt", 2, 20, "ORG")]


def test_a_name_continuing_into_a_longer_name_stays_quiet(lint):
    files = {"a.txt": "[LOC Washington  ] is humid .\n[LOC Washington  ] is far .\n",
             "b.txt": "The Washington Post said so .\n"}
    assert missed(lint, files) == []


# --------------------------------------------------------------------------- split names

def test_a_name_a_line_break_split_is_reported(lint):
    files = {f"o{i}.txt": f"They played at [LOC The Ovalle  ] on day {i} .\n" for i in range(3)}
    files["split.txt"] = "The final test will be played at The\n[LOC Ovalle  ] on Sunday .\n"
    assert missed(lint, files) == [("split.txt", 1, 34, "LOC")]


def test_a_line_end_before_an_entity_of_another_label_stays_quiet(lint):
    # "The Ovalle" is a place; the next line's [PER Ovalle] is a person: not one name
    files = {f"o{i}.txt": f"They played at [LOC The Ovalle  ] on day {i} .\n" for i in range(3)}
    files["split.txt"] = "The final test will be played at The\n[PER Ovalle  ] said so .\n"
    assert missed(lint, files) == []


def test_a_line_end_that_is_not_the_last_word_stays_quiet(lint):
    files = {f"o{i}.txt": f"They played at [LOC The Ovalle  ] on day {i} .\n" for i in range(3)}
    files["split.txt"] = "The final test at The end .\n[LOC Ovalle  ] is far .\n"
    assert missed(lint, files) == []
