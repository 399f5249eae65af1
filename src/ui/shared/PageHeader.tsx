import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
// Imported from their own modules: the Header barrel pulls in the command bar, menus and tabs (≈10 KB gzip).
import { CustomHeader } from 'azure-devops-ui/Components/Header/CustomHeader';
import { HeaderDescription } from 'azure-devops-ui/Components/Header/HeaderDescription';
import { HeaderTitle } from 'azure-devops-ui/Components/Header/HeaderTitle';
import { HeaderTitleArea } from 'azure-devops-ui/Components/Header/HeaderTitleArea';
import { HeaderTitleRow } from 'azure-devops-ui/Components/Header/HeaderTitleRow';
import { TitleSize } from 'azure-devops-ui/Components/Header/Header.Props';

export interface HeaderCommand {
  id: string;
  text: string;
  iconName: string;
  onClick: () => void;
  disabled?: boolean;
}

interface Props {
  title: string;
  description: string;
  commands: HeaderCommand[];
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
        {props.commands.map((c) => (
          <Button
            key={c.id}
            id={`sce-command-${c.id}`}
            text={c.text}
            iconProps={{ iconName: c.iconName }}
            onClick={c.onClick}
            disabled={c.disabled}
            subtle
          />
        ))}
      </div>
    </CustomHeader>
  );
}
