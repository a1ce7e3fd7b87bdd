#!/usr/bin/python3
"""Edits an .xlsx in a running LibreOffice the way a person would, then saves it as .xlsx.

Run by test/libreoffice/person.ts as a worker: it connects to a LibreOffice already listening on
`--connect` (a UNO connection string such as "pipe,name=x"), then reads one JSON job per line on stdin
and answers one JSON line per job on stdout:

    {"id": 1, "input": "/abs/in.xlsx", "output": "/abs/out.xlsx", "edits": [{"op": "type", ...}, ...]}
    -> {"id": 1, "ok": true, "millis": 812}   or   {"id": 1, "ok": false, "error": "..."}

Cells are found the way a person finds them: by tab name, header text (the header row is the row holding a
"Registration No" cell) and the row whose "Registration No" cell holds a registration number. Nothing here
assumes fixed addresses, so an edit still lands in the right cell after columns moved.
"""

import datetime
import json
import os
import sys
import time
import traceback

import uno  # noqa: F401  (sets up the com.sun.star imports below)
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress, TableSortField
from com.sun.star.util import Date as UnoDate
from com.sun.star.sheet.DataPilotFieldOrientation import DATA, ROW
from com.sun.star.sheet.GeneralFunction import SUM
from com.sun.star.table.CellContentType import EMPTY as CONTENT_EMPTY

REGISTRATION = "Registration No"
# Delete key: values, dates, text and formulas; formats and notes stay (as in Excel and LibreOffice).
CLEAR_CONTENTS = 1 | 2 | 4 | 16
INSERT_DOWN = uno.Enum("com.sun.star.sheet.CellInsertMode", "DOWN")
DATE_TYPE = 2  # com.sun.star.util.NumberFormat.DATE


class EditError(Exception):
    """An edit a person could not make (no such tab, header or learner; a locked cell)."""


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(connection, timeout):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + timeout
    while True:
        try:
            ctx = resolver.resolve("uno:%s;urp;StarOffice.ComponentContext" % connection)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


# ---------------------------------------------------------------------------------------------- finding


def col_name(index):
    name = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_of(doc, tab):
    if not doc.Sheets.hasByName(tab):
        raise EditError("no tab named %r (tabs: %s)" % (tab, ", ".join(doc.Sheets.ElementNames)))
    return doc.Sheets.getByName(tab)


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow


class Table:
    """The table on a tab as a person sees it: its header row, columns by header text, rows by registration."""

    def __init__(self, doc, tab):
        self.doc = doc
        self.tab = tab
        self.sheet = sheet_of(doc, tab)
        end_col, end_row = used_area(self.sheet)
        data = self.sheet.getCellRangeByPosition(0, 0, end_col, end_row).getDataArray()
        found = None
        for r, row in enumerate(data):
            for c, value in enumerate(row):
                if value == REGISTRATION:
                    found = (r, c)
                    break
            if found:
                break
        if not found:
            raise EditError("tab %r has no %r header" % (tab, REGISTRATION))
        self.header_row, self.reg_col = found
        self.db_range = None
        index = self.sheet.RangeAddress.Sheet
        for name in doc.DatabaseRanges.ElementNames:
            area = doc.DatabaseRanges.getByName(name).DataArea
            if (
                area.Sheet == index
                and area.StartRow == self.header_row
                and area.StartColumn <= self.reg_col <= area.EndColumn
            ):
                self.db_range = name
                self.first_col, self.last_col, self.last_row = area.StartColumn, area.EndColumn, area.EndRow
                break
        if self.db_range is None:  # no table (converted to a range): the block of cells around the header
            cursor = self.sheet.createCursorByRange(
                self.sheet.getCellByPosition(self.reg_col, self.header_row)
            )
            cursor.collapseToCurrentRegion()
            a = cursor.RangeAddress
            self.first_col, self.last_col, self.last_row = a.StartColumn, a.EndColumn, a.EndRow
        self.headers = list(data[self.header_row]) if self.header_row < len(data) else []
        self.data = data

    def column(self, header):
        for c in range(self.first_col, self.last_col + 1):
            if c < len(self.headers) and self.headers[c] == header:
                return c
        raise EditError(
            "tab %r has no header %r (headers: %s)"
            % (self.tab, header, ", ".join(str(h) for h in self.headers[self.first_col : self.last_col + 1]))
        )

    def row(self, registration):
        for r in range(self.header_row + 1, self.last_row + 1):
            if r < len(self.data) and str(self.data[r][self.reg_col]) == str(registration):
                return r
        raise EditError("tab %r has no row with %s %r" % (self.tab, REGISTRATION, registration))

    def cell(self, header, registration):
        return self.sheet.getCellByPosition(self.column(header), self.row(registration))

    def address(self):
        a = CellRangeAddress()
        a.Sheet = self.sheet.RangeAddress.Sheet
        a.StartColumn, a.StartRow, a.EndColumn, a.EndRow = (
            self.first_col,
            self.header_row,
            self.last_col,
            self.last_row,
        )
        return a


def target_cell(doc, edit):
    if "address" in edit:
        return sheet_of(doc, edit["tab"]).getCellRangeByName(edit["address"])
    return Table(doc, edit["tab"]).cell(edit["header"], edit["registration"])


# ---------------------------------------------------------------------------------------------- typing


def check_unlocked(sheet, cell, what):
    if sheet.isProtected() and cell.getPropertyValue("CellProtection").IsLocked:
        raise EditError(
            "%s is a locked cell on the protected tab %r: a person would have to unprotect the tab first "
            "(add {\"op\": \"unprotectSheet\"})" % (what, sheet.Name)
        )


def require_unprotected(sheet, op):
    if sheet.isProtected():
        raise EditError(
            "%s: the tab %r is protected, so a person could not do this; add {\"op\": \"unprotectSheet\", "
            "\"tab\": %r} first" % (op, sheet.Name, sheet.Name)
        )


def type_value(doc, cell, value):
    if isinstance(value, bool):
        raise EditError("type a number, a text or {\"date\": \"YYYY-MM-DD\"}, not a boolean")
    if isinstance(value, (int, float)):
        cell.setValue(value)
    elif isinstance(value, str):
        cell.setString(value)  # text exactly as given, as typed into a Text cell (or after an apostrophe)
    elif isinstance(value, dict) and "date" in value:
        day = datetime.date.fromisoformat(value["date"])
        null = doc.NullDate  # the workbook's date system: 1899-12-30, or 1904-01-01
        cell.setValue((day - datetime.date(null.Year, null.Month, null.Day)).days)
        formats = doc.NumberFormats
        current = formats.getByKey(cell.NumberFormat)
        if not (current.Type & DATE_TYPE):  # typing a date into a General cell gives it a date format
            locale = uno.createUnoStruct("com.sun.star.lang.Locale")
            key = formats.queryKey("YYYY-MM-DD", locale, False)
            if key == -1:
                key = formats.addNew("YYYY-MM-DD", locale)
            cell.NumberFormat = key
    else:
        raise EditError("cannot type %r" % (value,))


# ---------------------------------------------------------------------------------------------- operations


def op_type(doc, e):
    cell = target_cell(doc, e)
    check_unlocked(cell.Spreadsheet, cell, "the cell %s" % cell.AbsoluteName)
    type_value(doc, cell, e["value"])


def op_clear(doc, e):
    cell = target_cell(doc, e)
    check_unlocked(cell.Spreadsheet, cell, "the cell %s" % cell.AbsoluteName)
    cell.clearContents(CLEAR_CONTENTS)


def op_sort(doc, e):
    t = Table(doc, e["tab"])
    require_unprotected(t.sheet, "sort")
    field = TableSortField()
    field.Field = t.column(e["header"]) - t.first_col
    field.IsAscending = e.get("order", "ascending") == "ascending"
    field.IsCaseSensitive = False
    rng = t.sheet.getCellRangeByPosition(t.first_col, t.header_row, t.last_col, t.last_row)
    descriptor = rng.createSortDescriptor()
    for p in descriptor:
        if p.Name == "SortFields":
            p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        elif p.Name == "ContainsHeader":
            p.Value = True
        elif p.Name == "IsSortColumns":
            p.Value = False
    uno.invoke(rng, "sort", (descriptor,))


def op_move_column(doc, e):
    t = Table(doc, e["tab"])
    require_unprotected(t.sheet, "moveColumn")
    source = t.column(e["header"])
    before = t.column(e["before"])
    if before == source or before == source + 1:
        return
    columns = t.sheet.Columns
    width = columns.getByIndex(source).Width
    # Cut the column and "Insert Cut Cells" before the other one: a new empty column, the cells moved into it
    # (references to them follow, as with cut and paste), then the emptied column deleted.
    columns.insertByIndex(before, 1)
    if source >= before:
        source += 1
    destination = CellAddress()
    destination.Sheet, destination.Column, destination.Row = t.sheet.RangeAddress.Sheet, before, 0
    t.sheet.moveRange(destination, t.sheet.getCellRangeByPosition(source, 0, source, 1048575).RangeAddress)
    columns.getByIndex(before).Width = width
    columns.removeByIndex(source, 1)


def op_insert_column_left(doc, e):
    sheet = sheet_of(doc, e["tab"])
    require_unprotected(sheet, "insertColumnLeft")
    sheet.Columns.insertByIndex(0, 1)


def op_insert_column_in_table(doc, e):
    t = Table(doc, e["tab"])
    require_unprotected(t.sheet, "insertColumnInTable")
    before = t.column(e["before"])
    t.sheet.Columns.insertByIndex(before, 1)
    t.sheet.getCellByPosition(before, t.header_row).setString(e["header"])
    values = e.get("values") or {}
    if values:
        t = Table(doc, e["tab"])
        for registration, value in values.items():
            type_value(doc, t.sheet.getCellByPosition(before, t.row(registration)), value)


def op_rename_header(doc, e):
    t = Table(doc, e["tab"])
    cell = t.sheet.getCellByPosition(t.column(e["header"]), t.header_row)
    check_unlocked(t.sheet, cell, "the header %r" % e["header"])
    cell.setString(e["to"])


def op_duplicate_row(doc, e):
    t = Table(doc, e["tab"])
    require_unprotected(t.sheet, "duplicateRow")
    source = t.row(e["registration"])
    where = e.get("where", "below")
    index = t.sheet.RangeAddress.Sheet
    if where == "below":
        target = t.last_row + 1
    elif where == "inside":
        target = source + 1
        # Insert > Rows below, inside the table: cells of the table's columns shift down, the table grows.
        insert = t.address()
        insert.StartRow = insert.EndRow = target
        t.sheet.insertCells(insert, INSERT_DOWN)
    else:
        raise EditError("duplicateRow where must be 'below' or 'inside', not %r" % where)
    src = t.sheet.getCellRangeByPosition(t.first_col, source, t.last_col, source).RangeAddress
    destination = CellAddress()
    destination.Sheet, destination.Column, destination.Row = index, t.first_col, target
    t.sheet.copyRange(destination, src)


def op_add_user_sheet(doc, e):
    sheets = doc.Sheets
    if sheets.hasByName(e["name"]):
        raise EditError("a tab named %r exists already" % e["name"])
    sheets.insertNewByName(e["name"], sheets.Count)
    sheet = sheets.getByName(e["name"])
    rows = e.get("values") or [["Month", "Learners"], ["Jan", 4], ["Feb", 7], ["Mar", 5]]
    width = max(len(r) for r in rows)
    padded = tuple(tuple(list(r) + [""] * (width - len(r))) for r in rows)
    sheet.getCellRangeByPosition(0, 0, width - 1, len(rows) - 1).setDataArray(padded)
    if e.get("chart", True):
        area = sheet.getCellRangeByPosition(0, 0, width - 1, len(rows) - 1).RangeAddress
        rect = Rectangle()
        rect.X, rect.Y, rect.Width, rect.Height = 1000, len(rows) * 600 + 500, 12000, 7000
        sheet.Charts.addNewByName(e.get("chartName", "UserChart"), rect, (area,), True, True)
    note = e.get("note")
    if note:
        cell = sheet.getCellRangeByName(note.get("address", "A1"))
        sheet.Annotations.insertNew(cell.CellAddress, note["text"])
    if e.get("pivot"):
        # Insert > Pivot Table over the values: the first column as rows, the second summed.
        source = sheet.getCellRangeByPosition(0, 0, width - 1, len(rows) - 1).RangeAddress
        pilots = sheet.getDataPilotTables()
        descriptor = pilots.createDataPilotDescriptor()
        descriptor.setSourceRange(source)
        fields = descriptor.getDataPilotFields()
        fields.getByIndex(0).Orientation = ROW
        data = fields.getByIndex(1)
        data.Orientation = DATA
        data.Function = SUM
        out = CellAddress()
        out.Sheet, out.Column, out.Row = source.Sheet, width + 2, 0
        pilots.insertNewByName("UserPivot", out, descriptor)


def op_add_chart(doc, e):
    # Insert > Chart on an existing tab, over a range of its cells (first row and first column as labels).
    sheet = sheet_of(doc, e["tab"])
    require_unprotected(sheet, "addChart")
    if sheet.Charts.hasByName(e.get("name", "UserChart")):
        raise EditError("tab %r has a chart named %r already" % (e["tab"], e.get("name", "UserChart")))
    area = sheet.getCellRangeByName(e["range"]).RangeAddress
    at = e.get("at") or {}
    rect = Rectangle()
    rect.X, rect.Y = at.get("x", 1000), at.get("y", 1000)
    rect.Width, rect.Height = at.get("width", 12000), at.get("height", 7000)
    sheet.Charts.addNewByName(e.get("name", "UserChart"), rect, (area,), True, True)


def op_add_note(doc, e):
    cell = target_cell(doc, e)
    sheet = cell.Spreadsheet
    if sheet.isProtected():
        require_unprotected(sheet, "addNote")
    sheet.Annotations.insertNew(cell.CellAddress, e["text"])


def op_convert_to_range(doc, e):
    t = Table(doc, e["tab"])
    if t.db_range is None:
        raise EditError("tab %r has no table to convert" % e["tab"])
    # LibreOffice holds an imported Excel table as a database range; without it the .xlsx has no table part.
    # The autofilter buttons go with it (as with Excel's Convert to Range, which also drops the filter).
    doc.DatabaseRanges.removeByName(t.db_range)


def op_hide_column(doc, e):
    t = Table(doc, e["tab"])
    t.sheet.Columns.getByIndex(t.column(e["header"])).IsVisible = False


def op_set_column_width(doc, e):
    t = Table(doc, e["tab"])
    t.sheet.Columns.getByIndex(t.column(e["header"])).Width = int(round(e["widthMm"] * 100))


def op_rename_sheet(doc, e):
    sheet = sheet_of(doc, e["tab"])
    if doc.Sheets.hasByName(e["to"]):
        raise EditError("a tab named %r exists already" % e["to"])
    sheet.Name = e["to"]


def op_unprotect_sheet(doc, e):
    sheet = sheet_of(doc, e["tab"])
    if sheet.isProtected():
        sheet.unprotect(e.get("password", ""))
        if sheet.isProtected():
            raise EditError("tab %r: wrong password" % e["tab"])


def op_protect_sheet(doc, e):
    sheet_of(doc, e["tab"]).protect(e.get("password", ""))


def op_use_1904_date_system(doc, e):
    # Tools > Options > Calc > Calculate > Date: 01/01/1904. As in Excel, the numbers in date cells stay as they
    # are (so the dates they show move by four years); dates typed afterwards count from 1904.
    null = UnoDate()
    null.Day, null.Month, null.Year = 1, 1, 1904
    doc.NullDate = null


OPERATIONS = {
    "type": op_type,
    "typeAt": op_type,
    "clear": op_clear,
    "clearAt": op_clear,
    "sort": op_sort,
    "moveColumn": op_move_column,
    "insertColumnLeft": op_insert_column_left,
    "insertColumnInTable": op_insert_column_in_table,
    "renameHeader": op_rename_header,
    "duplicateRow": op_duplicate_row,
    "addUserSheet": op_add_user_sheet,
    "addChart": op_add_chart,
    "addNote": op_add_note,
    "convertToRange": op_convert_to_range,
    "hideColumn": op_hide_column,
    "setColumnWidth": op_set_column_width,
    "renameSheet": op_rename_sheet,
    "unprotectSheet": op_unprotect_sheet,
    "protectSheet": op_protect_sheet,
    "use1904DateSystem": op_use_1904_date_system,
}


def run_job(desktop, job):
    url = uno.systemPathToFileUrl(os.path.abspath(job["input"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise EditError("LibreOffice could not open %s" % job["input"])
    try:
        for n, edit in enumerate(job["edits"]):
            operation = OPERATIONS.get(edit.get("op"))
            if operation is None:
                raise EditError("edit %d: unknown op %r" % (n + 1, edit.get("op")))
            try:
                operation(doc, edit)
            except EditError as error:
                raise EditError("edit %d (%s): %s" % (n + 1, edit["op"], error))
        out = uno.systemPathToFileUrl(os.path.abspath(job["output"]))
        doc.storeToURL(out, (prop("FilterName", "Calc Office Open XML"), prop("Overwrite", True)))
    finally:
        doc.close(True)


def main():
    connection = sys.argv[sys.argv.index("--connect") + 1]
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything else printed (by UNO, say) goes to stderr, not into the answers
    desktop = connect(connection, 120)
    answers.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        if job.get("terminate"):
            try:
                desktop.terminate()  # LibreOffice ends and removes its pipe; the caller kills it if not
            except Exception:
                pass  # the bridge goes down as LibreOffice ends
            return
        started = time.time()
        try:
            run_job(desktop, job)
            answer = {"id": job["id"], "ok": True}
        except EditError as error:
            answer = {"id": job["id"], "ok": False, "error": str(error)}
        except Exception as error:  # a UNO failure: say what LibreOffice said
            answer = {"id": job["id"], "ok": False, "error": "%s\n%s" % (error, traceback.format_exc())}
        answer["millis"] = int((time.time() - started) * 1000)
        answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
