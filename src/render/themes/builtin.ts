/**
 * Built-in colour schemes, with the colours their authors publish (the
 * Windows Terminal / iTerm2 ports in wide use). Order: ANSI 0–7, then 8–15.
 */
import { DEFAULT_SCHEME, parseHex, toHex, type ColorScheme, type RGB } from '../../terminal/colors.js';

/** A colour scheme with the name it was found under and the extras some formats carry. */
export interface NamedScheme extends ColorScheme {
  name: string;
  /** Where it came from: 'builtin', a file path, or 'cast header'. */
  source: string;
  /** Text colour drawn inside a block cursor. @default the background */
  cursorAccent?: RGB;
  selection?: RGB;
}

interface ThemeSpec {
  name: string;
  bg: string;
  fg: string;
  cursor: string;
  selection?: string;
  ansi: string;
}

const SPECS: ThemeSpec[] = [
  {
    name: 'VHS',
    bg: toHex(DEFAULT_SCHEME.background),
    fg: toHex(DEFAULT_SCHEME.foreground),
    cursor: toHex(DEFAULT_SCHEME.cursor),
    selection: '#3a3a3a',
    ansi: DEFAULT_SCHEME.ansi.map((c) => toHex(c)).join(' '),
  },
  {
    name: 'Dracula',
    bg: '#282a36',
    fg: '#f8f8f2',
    cursor: '#f8f8f2',
    selection: '#44475a',
    ansi: '#21222c #ff5555 #50fa7b #f1fa8c #bd93f9 #ff79c6 #8be9fd #f8f8f2 #6272a4 #ff6e6e #69ff94 #ffffa5 #d6acff #ff92df #a4ffff #ffffff',
  },
  {
    name: 'Catppuccin Mocha',
    bg: '#1e1e2e',
    fg: '#cdd6f4',
    cursor: '#f5e0dc',
    selection: '#585b70',
    ansi: '#45475a #f38ba8 #a6e3a1 #f9e2af #89b4fa #f5c2e7 #94e2d5 #a6adc8 #585b70 #f37799 #89d88b #ebd391 #74a8fc #f2aede #6bd7ca #bac2de',
  },
  {
    name: 'Catppuccin Latte',
    bg: '#eff1f5',
    fg: '#4c4f69',
    cursor: '#dc8a78',
    selection: '#acb0be',
    ansi: '#5c5f77 #d20f39 #40a02b #df8e1d #1e66f5 #ea76cb #179299 #acb0be #6c6f85 #de293e #49af3d #eea02d #456eff #fe85d8 #2d9fa8 #bcc0cc',
  },
  {
    name: 'Tokyo Night',
    bg: '#1a1b26',
    fg: '#c0caf5',
    cursor: '#c0caf5',
    selection: '#33467c',
    ansi: '#15161e #f7768e #9ece6a #e0af68 #7aa2f7 #bb9af7 #7dcfff #a9b1d6 #414868 #f7768e #9ece6a #e0af68 #7aa2f7 #bb9af7 #7dcfff #c0caf5',
  },
  {
    name: 'Nord',
    bg: '#2e3440',
    fg: '#d8dee9',
    cursor: '#eceff4',
    selection: '#434c5e',
    ansi: '#3b4252 #bf616a #a3be8c #ebcb8b #81a1c1 #b48ead #88c0d0 #e5e9f0 #4c566a #bf616a #a3be8c #ebcb8b #81a1c1 #b48ead #8fbcbb #eceff4',
  },
  {
    name: 'Gruvbox Dark',
    bg: '#282828',
    fg: '#ebdbb2',
    cursor: '#ebdbb2',
    selection: '#665c54',
    ansi: '#282828 #cc241d #98971a #d79921 #458588 #b16286 #689d6a #a89984 #928374 #fb4934 #b8bb26 #fabd2f #83a598 #d3869b #8ec07c #ebdbb2',
  },
  {
    name: 'One Dark',
    bg: '#21252b',
    fg: '#abb2bf',
    cursor: '#abb2bf',
    selection: '#323844',
    ansi: '#21252b #e06c75 #98c379 #e5c07b #61afef #c678dd #56b6c2 #abb2bf #767676 #e06c75 #98c379 #e5c07b #61afef #c678dd #56b6c2 #abb2bf',
  },
  {
    name: 'Solarized Dark',
    bg: '#002b36',
    fg: '#839496',
    cursor: '#839496',
    selection: '#073642',
    ansi: '#073642 #dc322f #859900 #b58900 #268bd2 #d33682 #2aa198 #eee8d5 #002b36 #cb4b16 #586e75 #657b83 #839496 #6c71c4 #93a1a1 #fdf6e3',
  },
  {
    name: 'Solarized Light',
    bg: '#fdf6e3',
    fg: '#657b83',
    cursor: '#657b83',
    selection: '#eee8d5',
    ansi: '#073642 #dc322f #859900 #b58900 #268bd2 #d33682 #2aa198 #eee8d5 #002b36 #cb4b16 #586e75 #657b83 #839496 #6c71c4 #93a1a1 #fdf6e3',
  },
  {
    name: 'GitHub Dark',
    bg: '#0d1117',
    fg: '#e6edf3',
    cursor: '#2f81f7',
    selection: '#264f78',
    ansi: '#484f58 #ff7b72 #3fb950 #d29922 #58a6ff #bc8cff #39c5cf #b1bac4 #6e7681 #ffa198 #56d364 #e3b341 #79c0ff #d2a8ff #56d4dd #ffffff',
  },
  {
    name: 'GitHub Light',
    bg: '#ffffff',
    fg: '#1f2328',
    cursor: '#0969da',
    selection: '#b6e3ff',
    ansi: '#24292f #cf222e #116329 #4d2d00 #0969da #8250df #1b7c83 #6e7781 #57606a #a40e26 #1a7f37 #633c01 #218bff #a475f9 #3192aa #8c959f',
  },
  {
    name: 'Monokai',
    bg: '#272822',
    fg: '#fdfff1',
    cursor: '#c0c1b5',
    selection: '#57584f',
    ansi: '#272822 #f92672 #a6e22e #e6db74 #fd971f #ae81ff #66d9ef #fdfff1 #6e7066 #f92672 #a6e22e #e6db74 #fd971f #ae81ff #66d9ef #fdfff1',
  },
];

function hex(value: string): RGB {
  const rgb = parseHex(value);
  if (!rgb) throw new Error(`bad colour ${value} in the built-in themes`);
  return rgb;
}

function toScheme(spec: ThemeSpec): NamedScheme {
  const ansi = spec.ansi.split(/\s+/).map(hex);
  if (ansi.length !== 16) throw new Error(`built-in theme ${spec.name} needs 16 ANSI colours`);
  return {
    name: spec.name,
    source: 'builtin',
    background: hex(spec.bg),
    foreground: hex(spec.fg),
    cursor: hex(spec.cursor),
    ansi,
    ...(spec.selection ? { selection: hex(spec.selection) } : {}),
  };
}

/** Every built-in theme, by display name. The first is the default. */
export const BUILTIN_THEMES: readonly NamedScheme[] = Object.freeze(SPECS.map(toScheme));

/** The theme used when none is chosen: VHS's default colours. */
export const DEFAULT_THEME_NAME = 'VHS';
