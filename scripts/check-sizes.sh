#!/usr/bin/env bash
# Fails when a C++ file of core/, ui/ or app/ is over 400 lines or a function in one is over 80
# (issue #22): past those sizes a file or a function holds more than one idea and is read by
# scrolling. Prints every offender as FILE:LINE: NAME is N lines (limit L).
#
# Usage: scripts/check-sizes.sh [TREE]. TREE defaults to this clone; in a git work tree only
# tracked files count, elsewhere every .cpp and .h under TREE/core, TREE/ui and TREE/app.
#
# A function is found by brace matching on the source with comments, strings and preprocessor
# lines blanked out: at file, namespace or class scope, a `{` whose statement reads like a
# signature (a name, its parameters in parentheses, then only qualifiers, a trailing return type
# or a constructor's initialiser list) opens a function body. It is counted from the first line
# of its signature (a template line included) to its closing brace; lambdas and local classes
# inside count toward it. Lambdas and braced initialisers at namespace scope are not functions.
# A macro that expands to braces, or an #if whose branches open braces differently, can mislead
# it.
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root"
if [ "$(git rev-parse --show-toplevel 2>/dev/null || true)" = "$root" ]; then
  list() { git ls-files -- 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'app/*.cpp' 'app/*.h'; }
else
  list() { find core ui app \( -name '*.cpp' -o -name '*.h' \) -type f 2>/dev/null | sort || true; }
fi

mapfile -t files < <(list)
python3 - "${files[@]}" <<'PY'
import re
import sys

FILE_LIMIT = 400
FUNCTION_LIMIT = 80
NOT_NAMES = {"if", "for", "while", "switch", "catch", "return", "sizeof", "alignas",
             "decltype", "noexcept", "static_assert", "requires"}


def clean(text):
    """The source with comments, literals and preprocessor lines turned into spaces; lines and
    columns stay where they were."""
    out = list(text)
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            j = i
            while j < n and not (text[j] == "\n" and text[j - 1] != "\\"):
                j += 1
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
            continue
        if c == "\n":
            at_line_start = True
            i += 1
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c == "R" and text.startswith("R\"", i) and (i == 0 or not text[i - 1].isalnum()):
            m = re.match(r"R\"([^(\s]*)\(", text[i:])
            if not m:
                i += 1
                continue
            j = text.find(")" + m.group(1) + "\"", i)
            j = n if j < 0 else j + len(m.group(1)) + 2
            i += 1  # keep the quote marks out of the blanking so the text stays readable
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                i += 1  # a digit separator
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        else:
            i += 1
            continue
        for k in range(i, j):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


def matching(text, i, open_c, close_c):
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_c:
            depth += 1
        elif text[j] == close_c:
            depth -= 1
            if depth == 0:
                return j
    return len(text) - 1


# Access specifiers and Qt macros that stand without a semicolon before a declaration.
NOISE = re.compile(r"\b(?:(?:public|private|protected)(?:\s+(?:slots|Q_SLOTS))?|signals|Q_SIGNALS)\s*:(?!:)"
                   r"|\bQ_[A-Z_]+\b(?:\s*\([^()]*\))?")
QUALIFIER_CALL = re.compile(r"\b(?:noexcept|decltype|throw|requires|alignas)\s*\(")
NAME_BEFORE = re.compile(r"((?:[\w~]+\s*(?:<[^<>;{}]*>)?\s*::\s*)*(?:operator\s*(?:\(\s*\)|[^\s\w(]+|\w[\w:<> ]*)|~?\w+))\s*$")


def without_attributes(text):
    """text with each __attribute__((...)) turned into spaces: it stands before a name like one."""
    while (at := text.find("__attribute__")) >= 0:
        opening = text.find("(", at)
        end = matching(text, opening, "(", ")") + 1 if opening >= 0 else at + len("__attribute__")
        text = text[:at] + " " * (end - at) + text[end:]
    return text


def without_calls(text):
    """text with noexcept(...), decltype(...) and the like turned into spaces: they qualify a
    signature, they do not name it."""
    while m := QUALIFIER_CALL.search(text):
        end = matching(text, m.end() - 1, "(", ")") + 1
        text = text[:m.start()] + " " * (end - m.start()) + text[end:]
    return text


def template_clause_end(text):
    m = re.match(r"\s*template\s*<", text)
    if not m:
        return 0
    depth = 0
    for i in range(m.end() - 1, len(text)):
        depth += {"<": 1, ">": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return len(text)


def signature(head):
    """(name, offset of its first line in head, whether it has an initialiser list) when head
    reads as a function signature, else None. A parenthesised call before the signature (a
    macro that stands without a semicolon) is passed over."""
    last = None
    for last in NOISE.finditer(head):
        pass
    first = last.end() if last else 0
    body = without_attributes(head[first:])
    if re.match(r"\s*(template\s*<.*>\s*)?(class|struct|union|enum|namespace)\b", body, re.S):
        return None
    statement = after_template = template_clause_end(body)
    depth, i = 0, statement
    while i < len(body):
        c = body[i]
        if c == "(" and depth == 0:
            close = matching(body, i, "(", ")")
            m = NAME_BEFORE.search(body[statement:i])
            name = m.group(1).strip() if m else ""
            if "operator" not in name:
                name = re.sub(r"\s+", "", name)
            if name and name.split("::")[-1] not in NOT_NAMES:
                if name.endswith("operator") and body[close + 1:].lstrip().startswith("("):
                    name += "()"
                    close = matching(body, body.index("(", close + 1), "(", ")")
                parts = re.split(r"(?<!:):(?!:)", body[close + 1:], maxsplit=1)
                qualifiers = without_calls(parts[0])
                before = re.sub(r"operator\s*\S+", "", body[statement:statement + m.start()])
                if not any(ch in qualifiers for ch in "=[;(") and "=" not in before:
                    # From the template line, unless a macro call stood before the signature.
                    offset = first + (0 if statement == after_template else statement)
                    while offset < len(head) and head[offset].isspace():
                        offset += 1
                    return name, offset, len(parts) > 1
            statement = i = close + 1
            continue
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(c, 0)
        i += 1
    return None


def opens_member_initialiser(head):
    """In an initialiser list, a brace straight after a name (or a template's `>`) initialises a
    member or base; the body's brace follows a `)` or `}`."""
    stripped = head.rstrip()
    return bool(stripped) and (stripped[-1].isalnum() or stripped[-1] in "_>")


def check(path, report):
    text = open(path, encoding="utf-8", errors="replace").read()
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if lines > FILE_LIMIT:
        report(f"{path}:1: the file is {lines} lines (limit {FILE_LIMIT})")
    src = clean(text)
    line_of = lambda pos: src.count("\n", 0, pos) + 1
    scopes = []  # names of the classes around the current point; None for a namespace
    head_start, paren, i = 0, 0, 0
    while i < len(src):
        c = src[i]
        if c in "([":
            paren += 1
        elif c in ")]":
            paren -= 1
        elif paren > 0:
            pass
        elif c == ";":
            head_start = i + 1
        elif c == "}":
            if scopes:
                scopes.pop()
            head_start = i + 1
        elif c == "{":
            head = src[head_start:i]
            found = signature(head)
            end = None
            if found and found[2] and opens_member_initialiser(head):
                i = matching(src, i, "{", "}") + 1
                continue
            if found:
                name, offset, _ = found
                classes = [s for s in scopes if s]
                if classes and "::" not in name:
                    name = "::".join(classes + [name])
                end = matching(src, i, "{", "}")
                first, last_line = line_of(head_start + offset), line_of(end)
                length = last_line - first + 1
                if length > FUNCTION_LIMIT:
                    report(f"{path}:{first}: {name} is {length} lines (limit {FUNCTION_LIMIT})")
            else:
                m = re.match(r"\s*(?:template\s*<.*>\s*)?(class|struct|union)\s+(?:\w+\s+)*?(\w+)\s*(?:final\s*)?(?::[^{]*)?$",
                             NOISE.sub(" ", head), re.S)
                if m:
                    scopes.append(m.group(2))
                elif re.match(r"\s*(inline\s+)?namespace\b|\s*extern\s", NOISE.sub(" ", head)):
                    scopes.append(None)
                else:  # an enum or a braced initialiser: nothing inside defines a function
                    end = matching(src, i, "{", "}")
            if end is not None:
                i = end + 1
                head_start = i
                continue
            head_start = i + 1
        i += 1


offenders = []
for path in sys.argv[1:]:
    check(path, offenders.append)
for line in offenders:
    print(line)
if offenders:
    print(f"check-sizes: {len(offenders)} offender(s) against {FILE_LIMIT} lines a file and {FUNCTION_LIMIT} a function")
    sys.exit(1)
print(f"check-sizes: every file of core, ui and app is within {FILE_LIMIT} lines and every function within {FUNCTION_LIMIT}")
PY
