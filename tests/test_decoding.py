"""Which legacy code page a file that is not UTF-8 is read in (runs/decoding.py): Windows-1252
where its reading is all Western letters, even when the detector leans to Windows-1250."""

import pytest

from extractor.runs.decoding import legacy_encoding

WESTERN = [
    "id,text\r\nc3,\"São Paulo: polícia diz que três pessoas morreram em Guarujá; a ação começou às 5h\"\r\n",
    "id,text\r\nc1,\"BOGOTÁ, 6 mar (Wire) -- Hombres armados mataron a siete campesinos en Nariño\"\r\n",
    "id,text\r\nc2,\"Des hommes armés ont tué sept villageois à Macina, près de Ségou\"\r\n",
    "id,text\r\nc4,\"Em Moçambique, três aldeias de Cabo Delgado foram atacadas à noite\"\r\n",
    "id,text\r\nc5,\"Les forces armées ont repris Ménaka après des combats « intenses », selon l’état-major\"\r\n",
    "id,text\r\nc6,\"En Perú, la policía informó que murieron cuatro personas en Ayacucho\"\r\n",
    "id,text\r\nc7,\"Na Guiné-Bissau, o exército anunciou a detenção de três oficiais\"\r\n",
    "id,text\r\nc8,\"À Bangui, des tirs ont été entendus près de l’aéroport M’Poko\"\r\n",
]


@pytest.mark.parametrize("text", WESTERN)
def test_western_text_saved_by_excel_reads_as_windows_1252(text: str) -> None:
    raw = text.encode("cp1252")
    assert legacy_encoding(raw) == "cp1252"
    assert raw.decode(legacy_encoding(raw)) == text


@pytest.mark.parametrize("text", [
    "id,text\r\np1,\"Uzbrojeni napastnicy zabili trzech żołnierzy w pobliżu Łodzi, poinformowała policja\"\r\n",
    "id,text\r\np2,\"Ścigany przez policję mężczyzna zginął, a dwóch funkcjonariuszy zostało rannych w Łańcucie\"\r\n",
])
def test_polish_text_in_windows_1250_is_not_taken_for_western(text: str) -> None:
    """"ą" and "ł" are symbols in Windows-1252 ("¹", "³"): the Western preference does not apply."""
    assert legacy_encoding(text.encode("cp1250")) != "cp1252"
