// 简体中文：密钥如何保存，以及出于安全而拒绝的操作（issue 17）。与 security.en.ts 键相同。
export const securityZhCN = {
  secrets: {
    title: '令牌和会话的保存方式',
    keychain: '已使用这台电脑的钥匙串加密。',
    file: '保存在只有你的用户账户能读取的文件中（主机模式）。该文件未加密。',
    unavailable: '这台电脑没有 Tribekeeper 可用的钥匙串，因此令牌和会话无法加密。',
    basic_text: '这里没有密钥环（GNOME Keyring 或 KWallet）；备用方式使用任何人都能找到的密钥，等同于未加密。',
    unknown_backend: 'Tribekeeper 无法确定这台电脑使用哪种密钥环，因此不依赖它。',
    notAllowed: '在你做出选择之前，不会保存新的连接；Tribekeeper 自身需要的内容只在运行期间保存在内存中。',
    allowed: '你已选择以未加密方式保存在只有你的用户账户能读取的文件中。',
    allow: '在这台电脑上以未加密方式保存',
    revoke: '停止以未加密方式保存',
    revokeHint: '已保存的内容仍在文件中；移除相应连接即可删除。',
    failed: '未能保存这一选择。',
  },
  item: {
    truncated: '只检查了这条消息的前 {{chars}} 个字符；消息更长。',
  },
};
