import type { ThemeConfig } from 'antd';

export const SIDER_BG = '#0b1f2a';

/** Cangshou's look: teal primary, calm grey canvas, dark navigation. */
export const officeTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0f766e',
    colorInfo: '#0f766e',
    colorBgLayout: '#f4f6f8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerHeight: 56 },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: SIDER_BG,
      darkItemSelectedBg: '#0f766e',
      darkGroupTitleColor: 'rgba(255,255,255,0.4)',
    },
    Table: { headerBg: '#fafbfc', rowSelectedBg: '#ecf7f5', rowSelectedHoverBg: '#def1ed' },
  },
};
