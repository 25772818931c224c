// The watch's --help: its usage and every flag, with its default (`resubmit --help`: resubmit-args.ts).
import {DEFAULT_BASE_URL} from '../api/client.js';
import {DEFAULT_MAX_RPS} from './flag-parsers.js';

export const helpText = `
  Usage
    $ runflow-watch <batch-id> [<batch-id>…] [options]
    $ runflow-watch --batches-file <file> [options]
    $ runflow-watch --demo

  Options
    --api-key <key>        API key (better: the RUNFLOW_API_KEY environment variable;
                           a flag shows in \`ps\`)
    --base-url <url>       API base URL (default ${DEFAULT_BASE_URL}, env RUNFLOW_BASE_URL)
    --org <id>             organization id, sent as X-Organization-Id (env RUNFLOW_ORG_ID)
    -i, --interval <s>     seconds between polls (default 2, at least 0.5)
    --page-size <n>        items per page, 1..500 (default 50)
    --batches-file <file>  batch ids, one a line (or JSON lines with an "id"); - reads
                           standard input; ids appended to the file later join the job
    --max-rps <n>          requests per second for the whole job (default ${DEFAULT_MAX_RPS}, e.g. 0.5; 0.01 to 100)
    --ui <mode>            tui | plain | json (default tui in a terminal, plain otherwise)
    --no-color             no colours (also NO_COLOR=1)
    --exit-on-complete     leave the TUI when the batch finishes
    --exit-status          exit code tells the outcome (1 when items failed)
    --fail-fast            exit at the first failed item
    --timeout <duration>   give up waiting after e.g. 90s, 30m, 2h (exit 5)
    --heartbeat <s>        plain/json: a line every <s> seconds when nothing changes (default 60)
    --max-cost <usd>       warn when the cost spent, or the projected total, passes this
    --notify               bell and desktop notification (through the terminal, SSH too)
                           on the first failure and when the batch finishes
    --results <file>       append each finished item, with its input and output, to <file>
                           (JSON lines; CSV when it ends in .csv); a restart skips those in it
    --read-only            never write to the API (resubmitting is refused)
    --model <owner/slug>   the model R resubmits failed items to (else asked when R is pressed)
    --no-progress          no progress in the terminal's tab (OSC 9;4); --progress sends
                           it even where the terminal is not recognised (over SSH)
    --no-journal           keep no journal of the job on disk (see the readme)
    --demo                 watch a simulated batch: no key, no network
    -h, --help             this help
    -v, --version          the version

  Resubmit failed items: runflow-watch resubmit --help
  Keys in the TUI: ? shows them all. Exit codes: see the readme.
`;
