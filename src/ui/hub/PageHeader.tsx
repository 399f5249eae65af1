import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
// Imported from their own modules: the Header barrel pulls in the command bar, menus and tabs (≈10 KB gzip).
import { CustomHeader } from 'azure-devops-ui/Components/Header/CustomHeader';
import { HeaderDescription } from 'azure-devops-ui/Components/Header/HeaderDescription';
import { HeaderTitle } from 'azure-devops-ui/Components/Header/HeaderTitle';
import { HeaderTitleArea } from 'azure-devops-ui/Components/Header/HeaderTitleArea';
import { HeaderTitleRow } from 'azure-devops-ui/Components/Header/HeaderTitleRow';
import { TitleSize } from 'azure-devops-ui/Components/Header/Header.Props';

interface Props {
  title: string;
  description: string;
  onRefresh: () => void;
  onSettings: () => void;
  busy: boolean;
}

export function PageHeader(props: Props) {
  return (
    <CustomHeader className="bolt-header-with-commandbar sce-header">
      <HeaderTitleArea>
        <HeaderTitleRow>
          <HeaderTitle titleSize={TitleSize.Large} ariaLevel={1}>
            {props.title}
          </HeaderTitle>
        </HeaderTitleRow>
        <HeaderDescription>{props.description}</HeaderDescription>
      </HeaderTitleArea>
      <div className="flex-row sce-commands">
        <Button
          text="Refresh"
          iconProps={{ iconName: 'Refresh' }}
          onClick={props.onRefresh}
          disabled={props.busy}
          subtle
        />
        <Button text="Settings" iconProps={{ iconName: 'Settings' }} onClick={props.onSettings} subtle />
      </div>
    </CustomHeader>
  );
}
