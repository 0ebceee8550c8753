// Types of chromium.mjs (the plain-JavaScript module every suite and `payframe audit` share).
export declare function findChromium(playwrightExecutablePath?: () => string | undefined): string | undefined;
export declare const CHROMIUM_ARGS: string[];
export declare function chromiumLaunchOptions(playwrightExecutablePath?: () => string | undefined): { executablePath?: string; headless: boolean; args: string[] };
