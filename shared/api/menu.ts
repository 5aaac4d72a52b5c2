/** What the desktop app's File menu asks the renderer to do. Main shows the folder picker itself for "Open". */
export type MenuCommand = { command: 'new-workspace' } | { command: 'open-workspace'; path: string };
