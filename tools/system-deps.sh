#!/usr/bin/env bash
# Install the Debian packages the tests and the PDF need, if missing. As root it runs apt-get;
# otherwise it names what is missing and fails.
set -euo pipefail
missing=()
need() { # need COMMAND-OR-PATH PACKAGE
  if [[ "$1" == /* ]]; then [[ -e "$1" ]] || missing+=("$2"); else command -v "$1" >/dev/null 2>&1 || missing+=("$2"); fi
}
need chromium chromium
need pdftotext poppler-utils
need pdftoppm poppler-utils
need lualatex texlive-luatex
need latexmk latexmk
need epubcheck epubcheck
need /usr/share/texlive/texmf-dist/tex/latex/marginfix/marginfix.sty texlive-latex-extra
need /usr/share/texlive/texmf-dist/tex/latex/capt-of/capt-of.sty texlive-latex-recommended
need /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf fonts-hosny-amiri
need /usr/share/texmf/fonts/opentype/public/tex-gyre/texgyretermes-regular.otf tex-gyre
need /usr/share/fonts/opentype/freefont/FreeSerif.otf fonts-freefont-otf
need /usr/share/texlive/texmf-dist/tex/latex/psnfss/times.sty texlive-fonts-recommended
if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages: ${pkgs[*]} (run as root, or: sudo apt-get install ${pkgs[*]})" >&2
  exit 1
fi
echo "installing Debian packages: ${pkgs[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${pkgs[@]}"
