// The search (submit) and reset buttons at the end of an inline filter form.
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Form } from 'antd';
import { useTranslation } from 'react-i18next';

export function FilterButtons({ onReset }: { onReset(): void }) {
  const { t } = useTranslation();
  return (
    <Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={onReset}>
          {t('common.reset')}
        </Button>
      </Flex>
    </Form.Item>
  );
}
