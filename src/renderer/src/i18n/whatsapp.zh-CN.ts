// WhatsApp 群管理操作、配对码关联与关联失败的简体中文文案；与 whatsapp.en.ts 的键相同。
export const whatsappZhCN = {
  item: {
    forwarded: '转发的消息',
    forwardedMany: '多次转发的消息',
  },
  capability: {
    rolesOnPlatform: '管理员角色需在该平台自己的应用中授予；控制台不在此提升或撤销管理员。',
    noInviteReset: '控制台只能重置 WhatsApp 的邀请链接。',
    pinWithAnnouncement: '在此平台请通过公告置顶（公告 → 置顶）。',
  },
  errors: {
    reason: {
      roles_on_platform: '管理员角色需在 {{platform}} 自己的应用中授予；控制台不在那里提升或撤销管理员。',
      no_invite_reset: '控制台只能重置 WhatsApp 的邀请链接。',
      pin_with_announcement: '在 {{platform}} 上请通过公告置顶（公告 → 置顶）。',
      link_code: '请在手机上输入此处显示的代码：WhatsApp → 已关联的设备 → 关联新设备 → 改用电话号码关联。',
      link_code_failed: 'WhatsApp 没有为此号码提供配对码。请检查号码（含国家代码）后点击“重新关联”。',
      whatsapp_removed_not_reset: '成员已被移除，但邀请链接未能重置：请在群组管理操作中重置。',
      account_banned: 'WhatsApp 已封禁此账号（{{status}}），控制台已停止连接：每次重试都会被拒绝。请在手机上申诉（WhatsApp 会说明方法）；解封后点击“重新关联”（同一设备直接重连，无需扫码）。',
      account_banned_temporarily: 'WhatsApp 已暂时封禁此账号（{{status}}），控制台已停止连接。手机上会显示封禁结束的时间，届时点击“重新关联”（同一设备直接重连，无需扫码）。',
      whatsapp_not_in_group: '关联的 WhatsApp 账号已被移出此群组（由管理员在手机上操作），因此无法在此执行任何操作。请管理员将此账号重新加入；加入后群组会重新出现。',
      whatsapp_delete_window: 'WhatsApp 只允许在消息发送后 2 天 12 小时内为所有人删除，因此这条消息无法删除。如有必要，请移除该成员，或请群成员举报它。',
      whatsapp_announce_only: '这是仅限管理员发言的群组，而关联的 WhatsApp 账号不是管理员。消息未发送：请管理员代为发布，或请其将此账号设为管理员。',
    },
  },
  outcome: {
    pin: '已由你置顶 · {{time}}',
    resetInvite: '邀请链接已由你重置 · {{time}}',
    promote: '已由你设为群管理员 · {{time}}',
    demote: '已由你撤销群管理员 · {{time}}',
  },
  actionName: {
    pin: '置顶该消息',
    resetInvite: '重置邀请链接',
    promote: '将该成员设为群管理员',
    demote: '撤销该成员的管理员权限',
  },
  settings: {
    whatsapp: {
      byPhone: '改用电话号码关联（不扫描二维码）',
      phoneNumber: 'WhatsApp 账号的电话号码（含国家代码）',
      invalidPhone: '请输入含国家代码的电话号码，只用数字（例如 +86 138 0013 8000）。',
      typeCodeNow: '{{label}}：请在该手机上输入下方的代码。',
      codeLabel: '关联 {{label}} 的配对码',
      codeHint: '在手机上：WhatsApp → 已关联的设备 → 关联新设备 → 改用电话号码关联，然后输入此代码。',
      relink: '重新关联',
      relinkLabel: '重新关联 {{label}}',
    },
  },
  inbox: {
    inCommunity: '社群「{{community}}」› {{group}}',
  },
  act: {
    bulk: {
      standIn_one: 'WhatsApp 没有封禁功能：其中 {{count}} 个账号改为移出群组，并为其群组重置一次邀请链接（共重置 {{groups}} 次）。',
      standIn_other: 'WhatsApp 没有封禁功能：其中 {{count}} 个账号改为移出群组（每个群组每 50 个账号一次请求），每个群组只重置一次邀请链接（共重置 {{groups}} 次），而不是每个账号一次。',
      inviteReset: '重置邀请链接：{{status}}',
    },
    alreadyDoneKind: {
      promote: '无需操作：该成员已是群管理员。',
      demote: '无需操作：该成员不是群管理员。',
      pin: '无需操作：该消息已置顶。',
    },
    command: { kickResetInvite: '移除并重置邀请链接', pin: '置顶消息', resetInvite: '重置邀请链接', promote: '设为管理员', demote: '撤销管理员' },
    do: { kickResetInvite: '移除该成员并重置邀请链接' },
    submit: { kickResetInvite: '移除并重置链接' },
    summary: { kickResetInvite: '{{member}} 将被移出群组，群组邀请链接将被重置，旧链接无法再让其加入。' },
  },
};
