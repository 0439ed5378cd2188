"""placeholder"""
def clean_ocr_text(text: str) -> str:
    return text
