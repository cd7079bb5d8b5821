// English strings for how secrets are kept and what is refused for safety (issue 17).
// Merged into the same namespace as en.ts; security.zh-CN.ts has the same keys.
export const securityEn = {
  secrets: {
    title: 'How tokens and sessions are kept',
    keychain: 'Encrypted with this computer’s keychain.',
    file: 'In a file only your user account can read (host mode). The file is not encrypted.',
    unavailable: 'This computer offers no keychain Tribekeeper can use, so tokens and sessions cannot be encrypted.',
    basic_text: 'There is no keyring here (GNOME Keyring or KWallet); the fallback would keep tokens with a key anyone can find, which is the same as unencrypted.',
    unknown_backend: 'Tribekeeper cannot tell which keyring this computer uses, so it does not rely on it.',
    notAllowed: 'Until you choose, no new connection is saved, and what Tribekeeper needs for itself is kept only while it runs.',
    allowed: 'You chose to keep them unencrypted, in a file only your user account can read.',
    allow: 'Keep them unencrypted on this computer',
    revoke: 'Stop saving them unencrypted',
    revokeHint: 'What was saved so far stays in the file; remove those connections to delete it.',
    failed: 'The choice was not saved.',
  },
  item: {
    truncated: 'Only the first {{chars}} characters of this message were checked; it is longer.',
  },
};
