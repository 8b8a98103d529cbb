"""The 技能认定 ribbon tab (customUI14.xml), generated from the action registry.

The build writes it into the workbook, and the file port puts it back on save when another tool dropped it.

>>> b'onAction="QzxlButton"' in ribbon_xml()
True
"""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree

from udfs.ooxml import CUSTOM_UI_NAMESPACE
from udfs.registry import ACTIONS

TAB_LABEL = "技能认定"
RIBBON_CALLBACK = "QzxlButton"  # the VBA procedure every button calls (workbook/vbagen.py writes it)
FOLDER_PICKER = ("pick_folder", "选择文件夹", "FileOpen", "QzxlPickFolder",
                 "为方案表中的照片或附件文件夹单元格选择文件夹")


def ribbon_xml() -> bytes:
    ElementTree.register_namespace("", CUSTOM_UI_NAMESPACE)

    def tag(name: str) -> str:
        return f"{{{CUSTOM_UI_NAMESPACE}}}{name}"

    root = ElementTree.Element(tag("customUI"))
    tabs = ElementTree.SubElement(ElementTree.SubElement(root, tag("ribbon")), tag("tabs"))
    tab = ElementTree.SubElement(tabs, tag("tab"), {"id": "qzxlTab", "label": TAB_LABEL})
    groups = {}
    for index, (label, actions) in enumerate(groupby(ACTIONS, key=lambda a: a.group)):
        group = ElementTree.SubElement(tab, tag("group"), {"id": f"qzxlGroup{index}", "label": label})
        groups[label] = group
        for action in actions:
            ElementTree.SubElement(group, tag("button"), {
                "id": action.id, "label": action.label, "imageMso": action.icon, "size": "large",
                "onAction": RIBBON_CALLBACK, "screentip": action.label, "supertip": action.screentip,
            })
    control_id, label, icon, callback, tip = FOLDER_PICKER
    ElementTree.SubElement(groups["照片"], tag("button"), {
        "id": control_id, "label": label, "imageMso": icon, "size": "large", "onAction": callback,
        "screentip": label, "supertip": tip,
    })
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
