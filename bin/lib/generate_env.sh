# shellcheck shell=bash
# bin/backend/generate-env and bin/frontend/generate-env: render an env-file
# template of erb/ with Ruby's erb into the repository root (or --output),
# optionally taking the settings under a Parameter Store path first.
# Source bin/lib/common.sh first; the script defines usage().

# generate_env NAME [FLAG OTHER-NAME] [--] [ARG...] — reads the script's
# arguments and renders erb/NAME.erb into NAME; FLAG (such as --sync), when
# given, renders erb/OTHER-NAME.erb into OTHER-NAME instead.
generate_env() {
  local name=$1 flag="" other="" output="" from_ssm=""
  shift
  if [ "${1:-}" != -- ]; then
    flag=$1 other=$2
    shift 2
  fi
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; exit 0 ;;
      -o | --output) output=$(option_value "$1" "${2:-}" "a path"); shift ;;
      --output=*) output=$(option_value --output "${1#--output=}" "a path") ;;
      --from-ssm) from_ssm=$(option_value "$1" "${2:-}" "a Parameter Store path"); shift ;;
      --from-ssm=*) from_ssm=$(option_value --from-ssm "${1#--from-ssm=}" "a Parameter Store path") ;;
      *)
        if [ -z "$flag" ] || [ "$1" != "$flag" ]; then unknown_argument "$1"; fi
        name=$other
        ;;
    esac
    shift
  done
  render_env_file "$REPO_ROOT/erb/$name.erb" "${output:-$REPO_ROOT/$name}" "$from_ssm"
}

# render_env_file TEMPLATE OUTPUT [SSM-PATH]
render_env_file() {
  local template=$1 output=$2 from_ssm=${3:-} output_dir tmp count
  command -v erb >/dev/null 2>&1 ||
    die "Ruby's 'erb' command was not found on PATH; it renders the env templates.
  Install Ruby, which provides erb:
    Debian/Ubuntu: apt-get install ruby
    macOS:         brew install ruby"
  [ -f "$template" ] || die "template not found: $template"
  output_dir=$(dirname -- "$output")
  [ -d "$output_dir" ] || die "directory does not exist: $output_dir"
  if [ -n "$from_ssm" ]; then
    load_ssm_parameters "$from_ssm"
  fi

  echo "Rendering ${template#"$REPO_ROOT"/} -> $output"
  # Render to a temporary file beside the destination, then move it into place,
  # so a failed render never leaves a half-written env file.
  tmp=$(mktemp "$output_dir/.$(basename -- "$output").XXXXXX")
  # shellcheck disable=SC2064  # the name is fixed now
  trap "rm -f -- '$tmp'" EXIT
  erb -T - "$template" >"$tmp" || die "erb could not render $template"
  chmod 600 "$tmp"
  mv -f -- "$tmp" "$output"
  count=$(grep -cE '^[A-Za-z_][A-Za-z0-9_]*=' "$output" || true)
  echo "Wrote $count variables to $output"
}

# load_ssm_parameters PATH — the parameters under a Parameter Store path
# become environment variables (name = the last segment of the parameter's
# name) before the template is rendered, so they take precedence over the
# environment and the defaults. bin/lib/ssm_params.py reads them with boto3,
# from the project's virtual environment when there is one.
load_ssm_parameters() {
  local path=$1 python="" candidate records pair count=0
  [[ $path == /* ]] ||
    die "--from-ssm needs a Parameter Store path starting with /, such as /cruddur/dev/backend-flask (got '$path')"
  for candidate in "$VENV_DIR/bin/python" python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import boto3' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
  [ -n "$python" ] ||
    die "--from-ssm needs Python with boto3: run ./bin/dev or ./bin/test once to create the project's .venv, or pip install boto3"
  echo "Reading the parameters under $path from Parameter Store"
  records=$(mktemp)
  if ! "$python" "$REPO_ROOT/bin/lib/ssm_params.py" "$path" >"$records"; then
    rm -f -- "$records"
    die "could not take the settings from Parameter Store path $path (see above); nothing was written"
  fi
  while IFS= read -r -d '' pair; do
    export "${pair%%=*}=${pair#*=}"
    count=$((count + 1))
  done <"$records"
  rm -f -- "$records"
  echo "Using $count parameters from $path"
}
