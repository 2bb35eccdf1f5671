// Names of password managers and anti-malware products, matched against installed packages and
// applications. Matching is by whole words, case-insensitive, so "passbolt" does not match "pass".

export const PASSWORD_MANAGERS: ReadonlyArray<{ name: string; patterns: RegExp[] }> = [
  { name: '1Password', patterns: [/^1password\b/i] },
  { name: 'Bitwarden', patterns: [/^bitwarden\b/i, /^com\.bitwarden\./i] },
  { name: 'KeePassXC', patterns: [/^keepassxc\b/i, /^org\.keepassxc\./i] },
  { name: 'KeePass', patterns: [/^keepass( password safe|2)?\b(?!xc)/i] },
  { name: 'Dashlane', patterns: [/^dashlane\b/i] },
  { name: 'LastPass', patterns: [/^lastpass\b/i] },
  { name: 'Keeper', patterns: [/^keeper( password manager)?\b/i] },
  { name: 'NordPass', patterns: [/^nordpass\b/i] },
  { name: 'Proton Pass', patterns: [/^proton ?pass\b/i, /^proton-pass\b/i, /^me\.proton\.pass\b/i] },
  { name: 'Enpass', patterns: [/^enpass\b/i] },
  { name: 'Passbolt', patterns: [/^passbolt\b/i] },
];

export const ANTI_MALWARE: ReadonlyArray<{ name: string; patterns: RegExp[] }> = [
  { name: 'CrowdStrike Falcon', patterns: [/^(crowdstrike )?falcon\b/i, /^falcon-sensor\b/i] },
  { name: 'SentinelOne', patterns: [/^sentinel ?one\b/i, /^sentinelagent\b/i] },
  { name: 'Microsoft Defender', patterns: [/^(microsoft|windows) defender\b/i, /^mdatp\b/i] },
  { name: 'Sophos', patterns: [/^sophos\b/i] },
  { name: 'Malwarebytes', patterns: [/^malwarebytes\b/i] },
  { name: 'ClamAV', patterns: [/^clamav(-daemon)?$/i, /^clamxav\b/i] },
  { name: 'ESET', patterns: [/^eset\b/i] },
  { name: 'Bitdefender', patterns: [/^bitdefender\b/i] },
  { name: 'Trend Micro', patterns: [/^trend ?micro\b/i] },
];

/** The known products among installed names (package names, application names, display names). */
export function matchSoftware(
  installed: readonly string[],
  known: ReadonlyArray<{ name: string; patterns: RegExp[] }>,
): string[] {
  const found = new Set<string>();
  for (const raw of installed) {
    const name = raw.trim().replace(/\.app$/i, '');
    for (const product of known) if (product.patterns.some((p) => p.test(name))) found.add(product.name);
  }
  return [...found].sort();
}
